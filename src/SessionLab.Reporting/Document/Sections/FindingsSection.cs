using System.Globalization;
using SessionLab.Reporting.Analysis;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Document.Sections;

/// <summary>(2) Key findings: one sub-section per experiment of the run, and the plan's experiments it did not include.</summary>
internal static class FindingsSection
{
    public static ReportSection Build(RunResult run)
    {
        var blocks = new List<ReportBlock>();
        foreach (var experiment in run.Experiments)
        {
            blocks.AddRange(Experiment(experiment));
        }

        var coverage = RunCoverage.Of(run);
        if (coverage.NotRun.Count > 0)
        {
            var reached = coverage.NotReached.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            blocks.Add(new HeadingBlock("not-run", "Not run in this run"));
            blocks.Add(new ParagraphBlock(coverage.NotReached.Count > 0
                ? "These experiments were not run, so nothing in this report is derived from them (those marked \"interrupted\" were chosen, but the run was stopped before they completed):"
                : "These experiments were not run, so nothing in this report is derived from them:"));
            blocks.Add(new ListBlock([.. coverage.NotRun.Select(c => $"{c.Id} {c.Title} ({PlanCatalog.GroupName(c.Group)}){(reached.Contains(c.Id) ? ", interrupted" : string.Empty)}")]));
        }

        return new ReportSection("key-findings", "2. Key findings", blocks);
    }

    private static IEnumerable<ReportBlock> Experiment(ExperimentResult experiment)
    {
        yield return new HeadingBlock(Anchors.Experiment(experiment.Id), $"{experiment.Id} {experiment.Title}");
        yield return new ParagraphBlock($"Question: {experiment.Question}");
        yield return new ParagraphBlock(Status(experiment));
        if (experiment.Parameters.Count > 0)
        {
            yield return new TableBlock("Parameters", ["parameter", "value"], [.. experiment.Parameters.Select(p => (IReadOnlyList<string>)[p.Key, p.Value])]);
        }

        foreach (var table in experiment.Tables)
        {
            yield return new TableBlock(table.Title, table.Columns, table.Rows);
        }

        if (experiment.Verdicts.Count > 0)
        {
            yield return new VerdictsBlock(experiment.Verdicts);
        }

        if (experiment.Anomalies.Count > 0)
        {
            yield return new ParagraphBlock("Anomalies the lab noticed:");
            yield return new ListBlock(experiment.Anomalies);
        }

        foreach (var chart in ChartBlocks.From(experiment))
        {
            yield return chart;
        }
    }

    private static string Status(ExperimentResult experiment)
    {
        var wall = experiment.WallSeconds.ToString("0.0##", CultureInfo.InvariantCulture);
        return experiment.Status switch
        {
            ExperimentStatus.Completed => $"Status: completed in {wall} s, {experiment.Observations.Count} observations recorded.",
            ExperimentStatus.Failed => $"Status: failed after {wall} s: {experiment.Failure ?? "no reason recorded"}. Its verdicts below (if any) are partial.",
            _ => $"Status: skipped{(experiment.Failure is { Length: > 0 } reason ? ": " + reason : string.Empty)}.",
        };
    }
}
