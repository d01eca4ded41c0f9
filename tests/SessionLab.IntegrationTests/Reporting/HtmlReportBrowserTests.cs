using System.Text.RegularExpressions;
using SessionLab.IntegrationTests.Support;
using SessionLab.Reporting.Exporters;
using SkiaSharp;

namespace SessionLab.IntegrationTests.Reporting;

/// <summary>report.html opened by a real browser: the charts must actually paint, not just be present in the markup.</summary>
public sealed class HtmlReportBrowserTests
{
    private const int Width = 1280;
    private const int Height = 3000;

    // ScottPlot's first two palette colours (Category10 blue and orange): nothing but a chart paints them.
    private static readonly SKColor Blue = new(0x1F, 0x77, 0xB4);
    private static readonly SKColor Orange = new(0xFF, 0x7F, 0x0E);

    // A fault window: red at 15 % opacity over the white plot area.
    private static readonly SKColor ShadedRed = new(0xFF, 0xD9, 0xD9);

    [Fact]
    public async Task Chromium_OpensReport_EveryChartPaints()
    {
        var chromium = RealEngines.Require("chromium");
        var cancellationToken = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("sessionlab-report-");
        try
        {
            var document = SampleReport.Build();
            await new HtmlExporter().ExportAsync(document, null!, folder.FullName, cancellationToken);
            var page = Path.Combine(folder.FullName, "report.html");
            var html = await File.ReadAllTextAsync(page, cancellationToken);
            Assert.Equal(SampleReport.ChartCount, Regex.Count(html, "<svg "));

            var png = Path.Combine(folder.FullName, "report.png");
            await HeadlessChromium.ScreenshotAsync(chromium, page, png, Width, Height, cancellationToken);
            KeepForInspection(png);

            using var bitmap = SKBitmap.Decode(png);
            Assert.NotNull(bitmap);
            Assert.Equal(Width, bitmap.Width);
            var bands = ChartBands(bitmap);
            Assert.True(bands.Count >= SampleReport.ChartCount,
                $"expected {SampleReport.ChartCount} painted charts, found bands at rows {string.Join(", ", bands)}");
            Assert.True(CountNear(bitmap, Orange) > 200, "the second line series (orange) did not paint");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Chromium_RealRunsCharts_EveryOnePaints()
    {
        var chromium = RealEngines.Require("chromium");
        var cancellationToken = TestContext.Current.CancellationToken;
        var run = await SampleAsync("full-run.json", cancellationToken);
        var document = SessionLab.Reporting.Document.ReportBuilder.Build(run);
        var folder = Directory.CreateTempSubdirectory("sessionlab-report-charts-");
        try
        {
            await new ChartFilesExporter().ExportAsync(document, run, folder.FullName, cancellationToken);
            var charts = Directory.GetFiles(Path.Combine(folder.FullName, "charts"), "*.svg");
            Assert.True(charts.Length >= 5, $"only {charts.Length} charts in a full run's report");
            foreach (var chart in charts)
            {
                var png = Path.ChangeExtension(chart, ".png");
                await HeadlessChromium.ScreenshotAsync(chromium, chart, png, 900, 420, cancellationToken);
                using var bitmap = SKBitmap.Decode(png);
                Assert.True(CountNear(bitmap, Blue) > 200, $"{Path.GetFileName(chart)} painted no data");
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Chromium_WholeLabRun_OpensOnAtAGlanceTablesAndShadesFaultWindows()
    {
        var chromium = RealEngines.Require("chromium");
        var cancellationToken = TestContext.Current.CancellationToken;
        var run = await SampleAsync("lab-run.json", cancellationToken);
        var document = SessionLab.Reporting.Document.ReportBuilder.Build(run);
        var folder = Directory.CreateTempSubdirectory("sessionlab-report-glance-");
        try
        {
            await new HtmlExporter().ExportAsync(document, run, folder.FullName, cancellationToken);
            var page = Path.Combine(folder.FullName, "report.html");
            var png = Path.Combine(folder.FullName, "glance.png");
            await HeadlessChromium.ScreenshotAsync(chromium, page, png, Width, 1000, cancellationToken);
            KeepForInspection(png);

            // The first screen, right of the contents sidebar: At a glance's recommendations and feature table, each with
            // a header row in the header grey, and no chart yet (the charts come with the evidence, after it).
            using (var bitmap = SKBitmap.Decode(png))
            {
                var headerRows = HeaderBands(bitmap, fromX: 300);
                Assert.True(headerRows >= 2, $"the first screen shows {headerRows} table header rows; At a glance opens with two tables");
                Assert.True(CountNear(bitmap, Blue) < 50, "a chart painted on the first screen, before At a glance's tables ended");
            }

            // 6.1's failed-requests chart: the kill -9 to the end of the load is shaded in translucent red.
            await new ChartFilesExporter().ExportAsync(document, run, folder.FullName, cancellationToken);
            var chart = Directory.GetFiles(Path.Combine(folder.FullName, "charts"), "chart-exp-6-1-*.svg").Order(StringComparer.Ordinal).First();
            var chartPng = Path.Combine(folder.FullName, "fault-window.png");
            await HeadlessChromium.ScreenshotAsync(chromium, chart, chartPng, 900, 420, cancellationToken);
            using var shaded = SKBitmap.Decode(chartPng);
            Assert.True(CountNear(shaded, ShadedRed) > 5000, $"{Path.GetFileName(chart)} shows no shaded fault window");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A real run's results.json copied beside the tests from the unit tests' samples.</summary>
    private static async Task<SessionLab.Reporting.Model.RunResult> SampleAsync(string name, CancellationToken cancellationToken) =>
        SessionLab.Reporting.Model.ResultsJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Samples", name), cancellationToken));

    /// <summary>Runs of pixel rows whose right part is mostly the header grey (#f6f8fa): one per table header.</summary>
    private static int HeaderBands(SKBitmap bitmap, int fromX)
    {
        var bands = 0;
        var inBand = false;
        for (var y = 0; y < bitmap.Height; y++)
        {
            var grey = 0;
            for (var x = fromX; x < bitmap.Width; x++)
            {
                var p = bitmap.GetPixel(x, y);
                if (p.Red == 0xF6 && p.Green == 0xF8 && p.Blue == 0xFA)
                {
                    grey++;
                }
            }

            var isHeader = grey > (bitmap.Width - fromX) / 3;
            bands += isHeader && !inBand ? 1 : 0;
            inBand = isHeader;
        }

        return bands;
    }

    /// <summary>Vertical bands of rows holding chart blue; charts are stacked with text between, so one band per chart.</summary>
    private static List<(int From, int To)> ChartBands(SKBitmap bitmap)
    {
        const int Gap = 60;
        var bands = new List<(int From, int To)>();
        for (var y = 0; y < bitmap.Height; y++)
        {
            var painted = 0;
            for (var x = 0; x < bitmap.Width; x++)
            {
                if (IsNear(bitmap.GetPixel(x, y), Blue))
                {
                    painted++;
                }
            }

            if (painted < 2)
            {
                continue;
            }

            if (bands.Count > 0 && y - bands[^1].To <= Gap)
            {
                bands[^1] = (bands[^1].From, y);
            }
            else
            {
                bands.Add((y, y));
            }
        }

        // A band of a few rows could be a stray legend swatch; a chart's data spans far more.
        return bands.Where(b => b.To - b.From > 50).ToList();
    }

    private static int CountNear(SKBitmap bitmap, SKColor colour)
    {
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                if (IsNear(bitmap.GetPixel(x, y), colour))
                {
                    count++;
                }
            }
        }

        return count;
    }

    private static bool IsNear(SKColor pixel, SKColor colour) =>
        Math.Abs(pixel.Red - colour.Red) < 24 && Math.Abs(pixel.Green - colour.Green) < 24 && Math.Abs(pixel.Blue - colour.Blue) < 24;

    /// <summary>With SESSIONLAB_REPORT_SCREENSHOT=path the screenshot is kept, so a person can look at it.</summary>
    private static void KeepForInspection(string png)
    {
        if (Environment.GetEnvironmentVariable("SESSIONLAB_REPORT_SCREENSHOT") is { Length: > 0 } keep)
        {
            File.Copy(png, keep, overwrite: true);
        }
    }
}
