using System.Text.RegularExpressions;
using SessionLab.IntegrationTests.Support;
using SessionLab.Reporting.Document;
using SessionLab.Reporting.Exporters;
using SessionLab.Reporting.Localization;
using SessionLab.Reporting.Model;
using SkiaSharp;

namespace SessionLab.IntegrationTests.Reporting;

/// <summary>
/// The Chinese report opened by a real browser: its CJK text must draw as glyphs, not as boxes. A CJK character
/// without a font draws as the same "missing glyph" box as a private-use character, so the page is compared with a copy
/// whose CJK characters were replaced by U+E000: the two screenshots differ only if the CJK glyphs were really drawn.
/// </summary>
public sealed partial class ChineseReportBrowserTests
{
    private const int Width = 1280;
    private const int Height = 1600;

    private static readonly SKColor Blue = new(0x1F, 0x77, 0xB4);

    [Fact]
    public async Task Chromium_ChineseReport_CjkTextAndChartsPaint()
    {
        var chromium = RealEngines.Require("chromium");
        var cancellationToken = TestContext.Current.CancellationToken;
        var run = ResultsJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Samples", "full-run.json"), cancellationToken));
        var document = ReportBuilder.Build(run, ReportLanguage.Chinese);
        var folder = Directory.CreateTempSubdirectory("sessionlab-report-zh-");
        try
        {
            var html = HtmlExporter.Render(document);
            Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
            using var page = await ScreenshotAsync(chromium, folder, "report", html, Width, Height, cancellationToken);
            using var boxes = await ScreenshotAsync(chromium, folder, "report-boxes", Cjk().Replace(html, "\uE000"), Width, Height, cancellationToken);
            Assert.True(Differing(page, boxes) > 2_000, "the Chinese text drew like missing-glyph boxes: no CJK font reached the browser");

            await new ChartFilesExporter().ExportAsync(document, run, folder.FullName, cancellationToken);
            var svg = await File.ReadAllTextAsync(Path.Combine(folder.FullName, "charts", "chart-exp-2-2-ttl.svg"), cancellationToken);
            Assert.Contains("登录后的秒数", svg, StringComparison.Ordinal);
            using var chart = await ScreenshotAsync(chromium, folder, "chart", svg, 900, 420, cancellationToken, ".svg");
            using var chartBoxes = await ScreenshotAsync(chromium, folder, "chart-boxes", Cjk().Replace(svg, "\uE000"), 900, 420, cancellationToken, ".svg");
            Assert.True(CountNear(chart, Blue) > 200, "the chart painted no data");
            Assert.True(Differing(chart, chartBoxes) > 200, "the chart's Chinese title and axis drew like missing-glyph boxes");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<SKBitmap> ScreenshotAsync(string chromium, DirectoryInfo folder, string name, string content, int width, int height, CancellationToken cancellationToken, string extension = ".html")
    {
        var page = Path.Combine(folder.FullName, name + extension);
        await File.WriteAllTextAsync(page, content, cancellationToken);
        var png = Path.Combine(folder.FullName, name + ".png");
        await HeadlessChromium.ScreenshotAsync(chromium, page, png, width, height, cancellationToken);
        return SKBitmap.Decode(png) ?? throw new InvalidOperationException($"{png} is no image.");
    }

    private static int Differing(SKBitmap a, SKBitmap b)
    {
        var count = 0;
        for (var y = 0; y < Math.Min(a.Height, b.Height); y++)
        {
            for (var x = 0; x < Math.Min(a.Width, b.Width); x++)
            {
                if (a.GetPixel(x, y) != b.GetPixel(x, y))
                {
                    count++;
                }
            }
        }

        return count;
    }

    private static int CountNear(SKBitmap bitmap, SKColor colour)
    {
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                if (Math.Abs(pixel.Red - colour.Red) < 24 && Math.Abs(pixel.Green - colour.Green) < 24 && Math.Abs(pixel.Blue - colour.Blue) < 24)
                {
                    count++;
                }
            }
        }

        return count;
    }

    // CJK punctuation, ideographs and full-width forms: what the Chinese report writes beyond ASCII.
    [GeneratedRegex(@"[\u3000-\u303F\u4E00-\u9FFF\uFF00-\uFFEF]")]
    private static partial Regex Cjk();
}
