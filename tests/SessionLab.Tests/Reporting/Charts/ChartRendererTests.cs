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
}
