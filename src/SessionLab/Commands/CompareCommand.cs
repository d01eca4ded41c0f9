using System.CommandLine;
using System.Globalization;
using SessionLab.Reporting.Analysis;
using SessionLab.Runs;
using Spectre.Console;

namespace SessionLab.Commands;

/// <summary><c>sessionlab compare A.json B.json</c>: what changed between two runs, verdicts and figures, with ratios B / A.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var first = new Argument<string>("a") { Description = "the earlier results.json" };
        var second = new Argument<string>("b") { Description = "the later results.json" };
        var all = new Option<bool>("--all") { Description = "also list the verdicts that stayed the same, the experiments only one run has, and every performance figure (within noise and measured in one run only)" };
        var command = new Command("compare", "Compare two runs: counts first, then the verdicts that changed A → B and the performance figures both measured whose change is beyond noise (or that have no interval), with B / A.") { first, second, all };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var a = await ResultsFile.ReadAsync("compare", parse.GetValue(first)!, cancellationToken);
            var b = a is null ? null : await ResultsFile.ReadAsync("compare", parse.GetValue(second)!, cancellationToken);
            if (a is null || b is null)
            {
                return 2;
            }

            AnsiConsole.MarkupLineInterpolated($"A: run {a.RunId} ({a.Environment.LoadBalancer}, {a.Environment.Store}, {(a.Quick ? "quick" : "full")}{(a.Interrupted ? ", interrupted" : string.Empty)})");
            AnsiConsole.MarkupLineInterpolated($"B: run {b.RunId} ({b.Environment.LoadBalancer}, {b.Environment.Store}, {(b.Quick ? "quick" : "full")}{(b.Interrupted ? ", interrupted" : string.Empty)})");
            Print(RunComparison.Compare(a, b), parse.GetValue(all));
            return 0;
        });
        return command;
    }

    private static void Print(RunComparison comparison, bool all)
    {
        foreach (var warning in comparison.Warnings)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]warning:[/] {warning}");
        }

        AnsiConsole.MarkupLineInterpolated($"{LeadLine(comparison)}");
        if (!all && (comparison.OnlyInA.Count > 0 || comparison.OnlyInB.Count > 0))
        {
            AnsiConsole.MarkupLineInterpolated($"[grey]Only in A: {List(comparison.OnlyInA)}. Only in B: {List(comparison.OnlyInB)}. (--all lists their verdicts.)[/]");
        }

        var shown = comparison.Verdicts.Where(v => all || v.Changed || v.Restated).ToList();
        if (shown.Count > 0)
        {
            var verdicts = new Table().Border(TableBorder.Rounded).Title(all ? "[bold]Verdicts A → B[/]" : "[bold]Verdicts that changed or were restated A → B[/]");
            verdicts.AddColumns("experiment", "hypothesis", "A", "B", "");
            foreach (var change in shown)
            {
                var mark = change.Changed ? "[yellow]changed[/]" : change.Restated ? "[grey]restated: the hypothesis differs, not compared[/]" : change.OnlyInOne ? "[grey]only in one run[/]" : "[grey]same[/]";
                verdicts.AddRow(Markup.Escape(change.ExperimentId), Markup.Escape($"{change.HypothesisId} {change.Statement}"), Markup.Escape(change.A), Markup.Escape(change.B), mark);
            }

            AnsiConsole.Write(verdicts);
        }

        WritePerformance(comparison, all);
        WriteMeasurements(comparison, all);
    }

    private static void WritePerformance(RunComparison comparison, bool all)
    {
        // A within-noise change is not a finding; listing it beside the real ones invites reading it as one.
        var figures = all ? comparison.Figures : comparison.NotWithinNoise;
        if (figures.Count == 0)
        {
            AnsiConsole.MarkupLine(
                comparison.Figures.Count == 0 ? "Performance: neither run measured group 4."
                : comparison.InBoth.Count == 0 ? "Performance: no figure was measured in both runs."
                : "Performance: every figure both runs measured changed within noise. (--all lists them.)");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title(all ? "[bold]Performance A → B[/]" : "[bold]Performance A → B, beyond noise or without an interval[/] [grey](--all lists every figure)[/]");
        table.AddColumns("target", "figure", "A", "B", "B / A", "change");
        foreach (var change in figures)
        {
            var noise = change.BeyondNoise switch
            {
                true => "[yellow]beyond noise[/]",
                false => "[grey]within noise[/]",
                null => "[grey]no interval[/]",
            };
            table.AddRow(Markup.Escape(change.Target), Markup.Escape(change.Figure), Number(change.A), Number(change.B), change.Ratio is { } ratio ? ratio.ToString("0.00", CultureInfo.InvariantCulture) : "-", noise);
        }

        AnsiConsole.Write(table);
    }

    /// <summary>The other experiments' typed figures (faults, security): by default those both runs measured that differ.</summary>
    private static void WriteMeasurements(RunComparison comparison, bool all)
    {
        var figures = all ? comparison.Measurements : comparison.ChangedMeasurements;
        if (figures.Count == 0)
        {
            AnsiConsole.MarkupLine(comparison.Measurements.Count == 0
                ? "Other figures: neither run has typed figures outside group 4."
                : "Other figures: every one both runs measured is the same. (--all lists them.)");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title(all
            ? "[bold]Other figures A → B[/] [grey](measured once per run: no interval)[/]"
            : "[bold]Other figures A → B, changed[/] [grey](measured once per run: a change may be noise; --all lists every figure)[/]");
        table.AddColumns("experiment, target", "figure", "A", "B");
        foreach (var change in figures)
        {
            table.AddRow(Markup.Escape(change.Target), Markup.Escape(change.Figure), Number(change.A), Number(change.B));
        }

        AnsiConsole.Write(table);
    }

    /// <summary>
    /// The counts before any table: "Verdicts: 1 changed, 30 the same; experiments only in A: 0, only in B: 2. Figures
    /// measured in both: 20, 3 beyond noise, 17 within noise."
    /// </summary>
    internal static string LeadLine(RunComparison comparison)
    {
        var restated = comparison.RestatedCount > 0 ? $", {comparison.RestatedCount} restated (not compared)" : string.Empty;
        var noise = comparison.InBoth.Count == 0
            ? string.Empty
            : $", {comparison.BeyondNoiseCount} beyond noise, {comparison.WithinNoiseCount} within noise{(comparison.NoIntervalCount > 0 ? $", {comparison.NoIntervalCount} without an interval" : string.Empty)}";
        return $"Verdicts: {comparison.ChangedCount} changed, {comparison.Same} the same{restated}; experiments only in A: {comparison.OnlyInA.Count}, only in B: {comparison.OnlyInB.Count}. Figures measured in both: {comparison.InBoth.Count}{noise}.";
    }

    private static string List(IReadOnlyList<string> ids) => ids.Count == 0 ? "none" : string.Join(" ", ids);

    private static string Number(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "not measured";
}
