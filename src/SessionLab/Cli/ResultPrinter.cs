using SessionLab.Reporting.Analysis;
using SessionLab.Reporting.Document;
using SessionLab.Reporting.Model;
using Spectre.Console;

namespace SessionLab.Cli;

/// <summary>Prints an experiment's tables and verdicts as it completes, and the verdict summary at the end.</summary>
internal static class ResultPrinter
{
    public static void PrintExperiment(ExperimentResult result)
    {
        if (result.Status == ExperimentStatus.Failed)
        {
            AnsiConsole.MarkupLineInterpolated($"  [red]✗ {result.Id} could not complete:[/] {result.Failure}");
            return;
        }

        foreach (var table in result.Tables)
        {
            var grid = new Table().Border(TableBorder.Simple).Title(Markup.Escape(table.Title));
            foreach (var column in table.Columns)
            {
                grid.AddColumn(Markup.Escape(column));
            }

            foreach (var row in table.Rows)
            {
                grid.AddRow([.. row.Select(Markup.Escape)]);
            }

            AnsiConsole.Write(grid);
        }

        foreach (var verdict in result.Verdicts)
        {
            AnsiConsole.MarkupLineInterpolated($"  {verdict.Id} [{Colour(verdict.Verdict)}]{verdict.Verdict.ToString().ToLowerInvariant()}[/]: {verdict.Statement} [grey]{verdict.Evidence}[/]");
        }

        foreach (var anomaly in result.Anomalies)
        {
            AnsiConsole.MarkupLineInterpolated($"  [yellow]! {anomaly}[/]");
        }

        AnsiConsole.MarkupLineInterpolated($"  [grey]{result.Id} took {result.WallSeconds:0.0} s, {result.Observations.Count} observations[/]");
    }

    /// <param name="run">The run.</param>
    /// <param name="resultsPath">Where its results.json went.</param>
    /// <param name="report">Its report document, built once and shared with the files written next.</param>
    public static void PrintSummary(RunResult run, string resultsPath, ReportDocument report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Verdicts[/]");
        table.AddColumns("experiment", "hypothesis", "verdict", "evidence");
        foreach (var experiment in run.Experiments)
        {
            if (experiment.Status != ExperimentStatus.Completed)
            {
                table.AddRow(Markup.Escape($"{experiment.Id} {experiment.Title}"), "-", $"[red]{experiment.Status.ToString().ToLowerInvariant()}[/]", Markup.Escape(experiment.Failure ?? string.Empty));
                continue;
            }

            foreach (var verdict in experiment.Verdicts)
            {
                table.AddRow(Markup.Escape($"{experiment.Id} {experiment.Title}"), Markup.Escape($"{verdict.Id} {verdict.Statement}"), $"[{Colour(verdict.Verdict)}]{verdict.Verdict.ToString().ToLowerInvariant()}[/]", Markup.Escape(verdict.Evidence));
            }
        }

        AnsiConsole.Write(table);
        PrintPerformance(run);

        // Last, so the answer is what stays on screen: the report's own "At a glance", from the same document, in its language.
        SectionPrinter.Print(AnsiConsole.Console, report.Sections.Single(s => s.Anchor == "at-a-glance"));
        AnsiConsole.MarkupLineInterpolated($"{(run.Quick ? "Quick run (waits and TTLs scaled down). " : string.Empty)}Raw observations: [link]{resultsPath}[/]");
    }

    /// <summary>The report's performance table, when the run measured group 4.</summary>
    private static void PrintPerformance(RunResult run)
    {
        var performance = PerformanceFigures.From(run);
        if (performance.Rows.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Performance[/]");
        table.AddColumns("target", "P50 (ms)", "P99 (ms)", "QPS", $"memory for {PerformanceFigures.Users:N0} users", "CPU under load");
        foreach (var row in performance.Rows)
        {
            table.AddRow([.. new[] { row.Target, Text(row.P50), Text(row.P99), Text(row.Qps), Text(row.Memory10K), Text(row.Cpu) }.Select(Markup.Escape)]);
        }

        AnsiConsole.Write(table);

        static string Text(Figure? figure) => figure?.Text ?? "-";
    }

    private static string Colour(Verdict verdict) => verdict switch
    {
        Verdict.Confirmed => "green",
        Verdict.Refuted => "red",
        _ => "yellow",
    };
}
