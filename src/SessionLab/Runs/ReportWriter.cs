using SessionLab.Reporting.Document;
using SessionLab.Reporting.Exporters;
using SessionLab.Reporting.Localization;
using SessionLab.Reporting.Model;
using Spectre.Console;

namespace SessionLab.Runs;

/// <summary>Builds the report of a run and writes every registered format into a folder; shared by <c>run</c> and <c>report</c>.</summary>
internal static class ReportWriter
{
    /// <summary>Writes and prints where each file went; false when any format failed (the others are still written).</summary>
    public static Task<bool> WriteAsync(RunResult run, string folder, ReportLanguage language, CancellationToken cancellationToken) =>
        WriteAsync(ReportBuilder.Build(run, language), run, folder, cancellationToken);

    /// <summary>Writes <paramref name="document"/>, already built from <paramref name="run"/>, in every format.</summary>
    public static async Task<bool> WriteAsync(ReportDocument document, RunResult run, string folder, CancellationToken cancellationToken)
    {
        var outcomes = await ReportExporters.Composite().ExportAsync(document, run, folder, cancellationToken);
        foreach (var outcome in outcomes)
        {
            if (outcome.Succeeded)
            {
                AnsiConsole.MarkupLineInterpolated($"Report ({outcome.Name}): [link]{outcome.Path}[/]");
            }
            else
            {
                AnsiConsole.MarkupLineInterpolated($"[red]Report ({outcome.Name}) failed:[/] {outcome.Error!.Message}");
            }
        }

        return outcomes.All(o => o.Succeeded);
    }
}
