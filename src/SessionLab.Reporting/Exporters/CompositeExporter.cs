using SessionLab.Reporting.Document;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Exporters;

/// <summary>
/// Runs every exporter in turn; one that throws is recorded in its outcome and does not stop the others, so a broken
/// HTML renderer never costs the run its Markdown report.
/// </summary>
public sealed class CompositeExporter(IReadOnlyList<IExporter> exporters)
{
    public IReadOnlyList<IExporter> Exporters { get; } = exporters;

    public async Task<IReadOnlyList<ExportOutcome>> ExportAsync(ReportDocument document, RunResult run, string folder, CancellationToken cancellationToken)
    {
        var outcomes = new List<ExportOutcome>(Exporters.Count);
        foreach (var exporter in Exporters)
        {
            var path = Path.Combine(folder, exporter.FileName);
            try
            {
                await exporter.ExportAsync(document, run, folder, cancellationToken).ConfigureAwait(false);
                outcomes.Add(new ExportOutcome(exporter.Name, path, null));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // Any failure of one format is reported in its outcome; the other formats must still be written.
            catch (Exception e)
#pragma warning restore CA1031
            {
                outcomes.Add(new ExportOutcome(exporter.Name, path, e));
            }
        }

        return outcomes;
    }
}
