using System.Globalization;
using SessionLab.Reporting.Analysis;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Document.Sections;

/// <summary>
/// The answer first, on one screen: the recommendation per situation with the plan's beside it, the feature table,
/// each variant's key figures with their intervals, the verdict counts and the problems worth reading. Sections 1–7 of
/// the plan's template follow with the evidence.
/// </summary>
internal static class AtAGlanceSection
{
    public static ReportSection Build(RunResult run, FeatureTable features, PerformanceFigures performance, IReadOnlyList<Recommendation> recommendations)
    {
        var verdicts = run.Experiments.SelectMany(e => e.Verdicts).ToList();
        string Count(Verdict v) => verdicts.Count(x => x.Verdict == v).ToString(CultureInfo.InvariantCulture);
        var statuses = string.Join(", ", run.Experiments.GroupBy(e => e.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
        var blocks = new List<ReportBlock>
        {
            new ParagraphBlock($"{run.Experiments.Count} experiment(s): {statuses}. Hypotheses: {Count(Verdict.Confirmed)} confirmed, {Count(Verdict.Refuted)} refuted, {Count(Verdict.Inconclusive)} inconclusive.{(run.Interrupted ? " The run was interrupted: only the experiments that completed are here." : string.Empty)}"),
            new TableBlock(
                "Recommendation per situation",
                ["situation", "recommendation", "depends on", "the plan"],
                [.. recommendations.Select(r => (IReadOnlyList<string>)[r.Rule.Situation, RecommendationsSection.Choice(r), r.Dependencies ?? "-", r.PlanVerdict ?? "the plan has no row for this situation"])]),
            new TableBlock("Feature table", ["feature", .. Schemes.All], RecommendationsSection.FeatureRows(features)),
        };

        if (performance.Any)
        {
            blocks.Add(new TableBlock(
                "Key figures (median of rounds, 95 % interval)",
                ["variant", "P50 (ms)", "P99 (ms)", "QPS", "memory for 10,000 users"],
                [.. Schemes.All.Select(s => performance.Row(s)).OfType<PerformanceRow>().Select(r => (IReadOnlyList<string>)[r.Target, r.P50?.Text ?? "-", r.P99?.Text ?? "-", r.Qps?.Text ?? "-", r.Memory10K?.Text ?? "-"])]));
        }

        var worth = run.Experiments
            .Where(e => e.Status != ExperimentStatus.Completed)
            .Select(e => $"{Anchors.ToExperiment(e.Id)} {e.Title} {e.Status.ToString().ToLowerInvariant()}: {e.Failure ?? "no reason recorded"}")
            .Concat(run.Experiments.SelectMany(e => e.Verdicts.Where(v => v.Verdict == Verdict.Refuted).Select(v => $"{Anchors.ToExperiment(e.Id)} {v.Id} refuted: {v.Statement}")))
            .ToList();
        blocks.Add(worth.Count == 0
            ? new ParagraphBlock("No experiment failed and no hypothesis was refuted; inconclusive verdicts and anomalies are in section 3.")
            : new ListBlock([.. worth.Take(12), .. worth.Count > 12 ? [$"… and {worth.Count - 12} more in section 3."] : Array.Empty<string>()]));
        return new ReportSection("at-a-glance", "At a glance", blocks);
    }
}
