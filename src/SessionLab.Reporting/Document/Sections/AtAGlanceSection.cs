using SessionLab.Reporting.Analysis;
using SessionLab.Reporting.Localization;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Document.Sections;

/// <summary>
/// The answer first, on one screen: the recommendation per situation with the plan's beside it, the feature table,
/// each variant's key figures with their intervals, the verdict counts and the problems worth reading. Sections 1–7 of
/// the plan's template follow with the evidence.
/// </summary>
internal static class AtAGlanceSection
{
    /// <summary>Failed experiments, then refuted hypotheses (those deciding a feature the rules read first), listed before "… and N more".</summary>
    private const int Worth = 6;

    public static ReportSection Build(RunResult run, FeatureTable features, PerformanceFigures performance, IReadOnlyList<Recommendation> recommendations, ReportText text)
    {
        // One screen: the features a situation's rule reads (the plan's six and the logout rows groups 5–6 added); the
        // whole table follows in section 5.
        var needed = FeatureNames.All.Where(f => recommendations.Any(r => r.Rule.Requirements.Any(q => q.Feature == f))).ToList();
        var verdicts = run.Experiments.SelectMany(e => e.Verdicts).ToList();
        int Count(Verdict v) => verdicts.Count(x => x.Verdict == v);
        var statuses = string.Join(text.ListSeparator, run.Experiments.GroupBy(e => e.Status).OrderBy(g => g.Key).Select(g => text.StatusCount(g.Count(), g.Key)));
        var blocks = new List<ReportBlock>
        {
            new ParagraphBlock(text.GlanceCounts(run.Experiments.Count, statuses, Count(Verdict.Confirmed), Count(Verdict.Refuted), Count(Verdict.Inconclusive), run.Interrupted)),
            new TableBlock(
                text.RecommendationPerSituation,
                text.GlanceRecommendationColumns,
                [.. recommendations.Select(r => (IReadOnlyList<string>)[text.Situation(r.Rule), RecommendationsSection.Choice(r, text), r.DependencyBrief ?? r.Dependencies ?? "-", (r.PlanVerdictBrief ?? r.PlanVerdict) ?? text.PlanHasNoRow])]),
            new TableBlock(text.GlanceFeatureCaption, [text.FeatureColumn, .. Schemes.All], RecommendationsSection.FeatureRows(features, text, needed)),
            new ParagraphBlock(text.MoreFeatures(FeatureNames.All.Count - needed.Count, "#feature-table")),
        };

        if (performance.Any)
        {
            blocks.Add(new TableBlock(
                text.KeyFiguresCaption,
                text.KeyFiguresColumns,
                [.. Schemes.All.Select(s => performance.Row(s)).OfType<PerformanceRow>().Select(r => (IReadOnlyList<string>)[r.Target, r.P50?.Text ?? "-", r.P99?.Text ?? "-", r.Qps?.Text ?? "-", r.Memory10K?.Text ?? "-"])]));
        }

        var experiments = text.Experiments;
        var worth = run.Experiments
            .Where(e => e.Status != ExperimentStatus.Completed)
            .Select(e => text.NotCompleted(Anchors.ToExperiment(e.Id), experiments.Title(e.Id, e.Title), e.Status, e.Failure ?? text.NoReason))
            .Concat(run.Experiments
                .SelectMany(e => e.Verdicts.Where(v => v.Verdict == Verdict.Refuted).Select(v => (Experiment: e, Verdict: v)))
                .OrderBy(x => DecidesAFeature(x.Experiment.Id, x.Verdict.Id, needed) ? 0 : 1)
                .Select(x => text.RefutedItem(Anchors.ToExperiment(x.Experiment.Id), x.Verdict.Id, experiments.Statement(x.Experiment.Id, x.Verdict))))
            .ToList();
        blocks.Add(worth.Count == 0
            ? new ParagraphBlock(text.NothingFailed)
            : new ListBlock([.. worth.Take(Worth), .. worth.Count > Worth ? [text.AndMore(worth.Count - Worth)] : Array.Empty<string>()]));
        return new ReportSection("at-a-glance", text.AtAGlanceHeading, blocks);
    }

    /// <summary>
    /// Whether a verdict fills a cell of a feature the situations' rules read: such a refutation changes a
    /// recommendation, so it is listed before those that only qualify a figure (a stable order otherwise).
    /// </summary>
    private static bool DecidesAFeature(string experimentId, string hypothesisId, IReadOnlyList<Feature> needed) =>
        FeatureEvidenceCatalog.All.Any(e => e.ExperimentId == experimentId && e.HypothesisId == hypothesisId && needed.Contains(e.Feature));
}
