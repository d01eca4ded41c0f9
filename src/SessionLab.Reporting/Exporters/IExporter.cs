namespace SessionLab.Reporting.Exporters;
/// <summary>Writes one format of the report into a folder.</summary>
public interface IExporter
{
    /// <summary>Short name, e.g. "markdown", "html".</summary>
    string Name { get; }
    /// <summary>The file it writes, e.g. "report.html".</summary>
    string FileName { get; }
    /// <summary>Renders <paramref name="document"/> (built from <paramref name="run"/>) into <paramref name="folder"/>.</summary>
    Task ExportAsync(Document.ReportDocument document, Model.RunResult run, string folder, CancellationToken cancellationToken);
}
