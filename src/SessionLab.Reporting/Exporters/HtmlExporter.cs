using System.Text;
using SessionLab.Reporting.Document;
using SessionLab.Reporting.Exporters.Html;
using SessionLab.Reporting.Localization;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Exporters;

/// <summary>
/// Writes <c>report.html</c>: one self-contained page (inline CSS, charts as inline SVG drawn by ScottPlot, no scripts,
/// nothing fetched) with a sticky table of contents built from the sections. Output depends only on the document, so
/// re-rendering a run gives the same bytes.
/// </summary>
internal sealed class HtmlExporter : IExporter
{
    public string Name => "html";

    public string FileName => "report.html";

    public async Task ExportAsync(ReportDocument document, RunResult run, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        Directory.CreateDirectory(folder);
        var html = Render(document);
        await File.WriteAllTextAsync(Path.Combine(folder, FileName), html, new UTF8Encoding(false), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>The whole page as a string.</summary>
    public static string Render(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = ReportText.For(document.Language);
        var html = new StringBuilder(64 * 1024);
        // The declared language picks the browser's fonts (a CJK face for zh-CN) and what a screen reader speaks.
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(document.Language.Tag()).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(HtmlText.Encode(document.Title)).Append("</title>\n")
            .Append("<style>\n").Append(HtmlStyles.Css).Append("\n</style>\n</head>\n<body>\n<div class=\"layout\">\n");
        HtmlTableOfContents.Write(html, document, text);
        html.Append("<main>\n<header class=\"title\"><h1>").Append(HtmlText.Encode(document.Title)).Append("</h1>");
        if (!string.IsNullOrEmpty(document.Subtitle))
        {
            html.Append("<p>").Append(HtmlText.Inline(document.Subtitle)).Append("</p>");
        }

        html.Append("</header>\n");
        foreach (var section in document.Sections)
        {
            html.Append("<section id=\"").Append(HtmlText.Encode(section.Anchor)).Append("\">\n<h2>")
                .Append(HtmlText.Encode(section.Heading)).Append("</h2>\n");
            foreach (var block in section.Blocks)
            {
                HtmlBlockWriter.Write(html, block, text);
            }

            html.Append("</section>\n");
        }

        html.Append("</main>\n</div>\n</body>\n</html>\n");
        return html.ToString();
    }
}
