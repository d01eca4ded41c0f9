using SessionLab.Reporting.Document;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Exporters;

/// <summary>Writes one format of the report into a run folder. Exporters only read the document and the run.</summary>
public interface IExporter
{
    /// <summary>Short name for messages ("markdown", "html").</summary>
    string Name { get; }

    /// <summary>The file written into the folder, e.g. <c>report.md</c>.</summary>
    string FileName { get; }

    /// <summary>Renders <paramref name="document"/> (built from <paramref name="run"/>) into <paramref name="folder"/>.</summary>
    Task ExportAsync(ReportDocument document, RunResult run, string folder, CancellationToken cancellationToken);
}
