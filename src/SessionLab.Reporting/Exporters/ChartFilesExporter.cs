using System.Text;
using SessionLab.Reporting.Charts;
using SessionLab.Reporting.Document;
using SessionLab.Reporting.Localization;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Exporters;

/// <summary>
/// Every chart of the report as its own SVG file in <c>charts/</c>, named after its anchor: for slides, wikis and READMEs
/// that cannot embed the HTML report.
/// </summary>
internal sealed class ChartFilesExporter : IExporter
{
    public string Name => "charts";

    public string FileName => "charts";

    public async Task ExportAsync(ReportDocument document, RunResult run, string folder, CancellationToken cancellationToken)
    {
        var charts = Directory.CreateDirectory(Path.Combine(folder, FileName)).FullName;
        var font = ReportText.For(document.Language).ChartFont;
        foreach (var chart in document.Sections.SelectMany(s => s.Blocks).OfType<ChartBlock>())
        {
            // The inlined form (stable ids, viewBox) plus the namespace a standalone SVG file needs.
            var svg = SvgInliner.Prepare(ChartRenderer.RenderSvg(chart, font: font), chart.Anchor, chart.Title)
                .Replace("<svg ", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"880\" height=\"400\" ", StringComparison.Ordinal);
            await File.WriteAllTextAsync(Path.Combine(charts, $"{chart.Anchor}.svg"), svg, new UTF8Encoding(false), cancellationToken);
        }
    }
}
