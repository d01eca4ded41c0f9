using SessionLab.Reporting.Charts;
using SessionLab.Reporting.Document;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Reporting.Charts;

public sealed class ChartRendererTests
{
    private static readonly ChartPoint[] Errors = [new(0, 0), new(1, 0), new(2, 120), new(3, 80), new(4, 0)];

    [Fact]
    public void RenderSvg_FaultWindow_IsShadedAndNamedInTheLegend()
    {
        var plain = new ChartSeries("errors per second: redis", "second", "failed requests", Errors);
        var faulted = plain with { FaultWindows = [new FaultWindow(1.5, 3.2, "Redis killed")] };

        var without = ChartRenderer.RenderSvg(new ChartBlock("c", "errors", ChartKind.Line, "second", "failed requests", [plain]));
        var with = ChartRenderer.RenderSvg(new ChartBlock("c", "errors", ChartKind.Line, "second", "failed requests", [faulted]));

        Assert.DoesNotContain("Redis killed", without, StringComparison.Ordinal);
        Assert.Contains("Redis killed", with, StringComparison.Ordinal);
        Assert.True(with.Length > without.Length, "the shaded span adds a filled shape");
    }

    [Fact]
    public void RenderSvg_ChineseInACjkFont_TextKeepsItsIdeographsNotKangxiRadicals()
    {
        // Skia's SVG canvas maps glyphs back to the first code point the font gives them: in Noto Sans CJK 方 and the
        // radical ⽅ share one glyph. Without the font there is nothing to check (CI installs it: fonts-noto-cjk).
        var fontInstalled = File.Exists("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
        Assert.SkipUnless(fontInstalled || Environment.GetEnvironmentVariable("SESSIONLAB_REQUIRE_REAL") == "1", "fonts-noto-cjk is not installed");
        var series = new ChartSeries("用户", "方案", "停止", Errors);

        var svg = ChartRenderer.RenderSvg(new ChartBlock("c", "每个方案的停止时间", ChartKind.Line, "方案", "停止（秒）", [series]), font: "Noto Sans CJK SC");

        Assert.Contains("方案", svg, StringComparison.Ordinal);
        Assert.Contains("停止", svg, StringComparison.Ordinal);
        Assert.DoesNotContain(svg, SvgGlyphText.IsRadical);
    }

    [Fact]
    public void RestoreIdeographs_NoRadicals_ReturnsTheSameMarkup()
    {
        const string svg = "<svg><text>ceiling: /health</text></svg>";

        Assert.Same(svg, SvgGlyphText.RestoreIdeographs(svg, "DejaVu Sans"));
    }
}
