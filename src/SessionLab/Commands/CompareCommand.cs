using System.CommandLine;
using System.Globalization;
using SessionLab.Reporting.Analysis;
using Spectre.Console;

namespace SessionLab.Commands;

/// <summary><c>sessionlab compare A.json B.json</c>: what changed between two runs, verdicts and figures, with ratios B / A.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var first = new Argument<string>("a") { Description = "the earlier results.json" };
        var second = new Argument<string>("b") { Description = "the later results.json" };
        var command = new Command("compare", "Compare two runs: every verdict A → B, and every performance figure with the ratio B / A.") { first, second };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var a = await ResultsFile.ReadAsync("compare", parse.GetValue(first)!, cancellationToken);
            var b = a is null ? null : await ResultsFile.ReadAsync("compare", parse.GetValue(second)!, cancellationToken);
            if (a is null || b is null)
            {
                return 2;
            }

            AnsiConsole.MarkupLineInterpolated($"A: run {a.RunId} ({a.Environment.LoadBalancer}, {a.Environment.Store}{(a.Quick ? ", quick" : string.Empty)})");
            AnsiConsole.MarkupLineInterpolated($"B: run {b.RunId} ({b.Environment.LoadBalancer}, {b.Environment.Store}{(b.Quick ? ", quick" : string.Empty)})");
            Print(RunComparison.Compare(a, b));
            return 0;
        });
        return command;
    }

    private static void Print(RunComparison comparison)
    {
        var verdicts = new Table().Border(TableBorder.Rounded).Title("[bold]Verdicts A → B[/]");
        verdicts.AddColumns("experiment", "hypothesis", "A", "B", "");
        foreach (var change in comparison.Verdicts)
        {
            verdicts.AddRow(Markup.Escape(change.ExperimentId), Markup.Escape($"{change.HypothesisId} {change.Statement}"), Markup.Escape(change.A), Markup.Escape(change.B), change.Changed ? "[yellow]changed[/]" : "[grey]same[/]");
        }

        AnsiConsole.Write(verdicts);
        if (comparison.Figures.Count == 0)
        {
            AnsiConsole.MarkupLine("Performance: neither run measured group 4.");
            return;
        }

        var figures = new Table().Border(TableBorder.Rounded).Title("[bold]Performance A → B[/]");
        figures.AddColumns("target", "figure", "A", "B", "B / A");
        foreach (var change in comparison.Figures)
        {
            figures.AddRow(Markup.Escape(change.Target), Markup.Escape(change.Figure), Number(change.A), Number(change.B), change.Ratio is { } ratio ? ratio.ToString("0.00", CultureInfo.InvariantCulture) : "-");
        }

        AnsiConsole.Write(figures);
    }

    private static string Number(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "not measured";
}
