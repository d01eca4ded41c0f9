using System.Text;
using SessionLab.Reporting.Document;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Exporters;

/// <summary><c>report.md</c>: GitHub-flavoured Markdown, readable on any git host.</summary>
public sealed class MarkdownExporter : IExporter
{
    public string Name => "markdown";

    public string FileName => "report.md";

    public async Task ExportAsync(ReportDocument document, RunResult run, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        await File.WriteAllTextAsync(Path.Combine(folder, FileName), MarkdownRenderer.Render(document), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
    }
}
