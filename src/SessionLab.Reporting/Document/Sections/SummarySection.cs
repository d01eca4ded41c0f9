using SessionLab.Reporting.Analysis;
using SessionLab.Reporting.Localization;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Document.Sections;

/// <summary>(6) A few sentences built from the counts, the measured speed order and the feature table: nothing hand-written per run.</summary>
internal static class SummarySection
{
    /// <summary>Features whose "bad" answer makes a trade-off: what the fastest scheme may give up.</summary>
    private static readonly (Feature Feature, bool Good)[] Tradeoffs =
    [
        (Feature.CrossServerSharing, true),
        (Feature.SurvivesBackendCrash, true),
        (Feature.ExternalDependency, false),
    ];

    public static ReportSection Build(RunResult run, PerformanceFigures performance, FeatureTable features, ReportText text)
    {
        var verdicts = run.Experiments.SelectMany(e => e.Verdicts).ToList();
        var coverage = RunCoverage.Of(run);
        var sentences = new List<string>
        {
            (coverage.Interrupted ? text.Interruption(coverage.PlanRan + coverage.BeyondRan, coverage.SelectedCount) : string.Empty)
            + text.SummaryCounts(
                coverage.Describe(text),
                run.Experiments.Count(e => e.Status == ExperimentStatus.Completed),
                run.Experiments.Count(e => e.Status == ExperimentStatus.Failed),
                run.Experiments.Count(e => e.Status == ExperimentStatus.Skipped),
                verdicts.Count,
                Count(verdicts, Verdict.Confirmed),
                Count(verdicts, Verdict.Refuted),
                Count(verdicts, Verdict.Inconclusive)),
        };

        var byP50 = Schemes.All.Select(s => (Scheme: s, Figure: performance.Row(s)?.P50)).Where(x => x.Figure is not null).OrderBy(x => x.Figure!.Value).ToList();
        if (byP50.Count >= 2)
        {
            var fastest = byP50[0];
            var slowest = byP50[^1];
            sentences.Add(text.FastestSlowest(Anchors.ToExperiment("4.1"), fastest.Scheme, fastest.Figure!.Text, slowest.Scheme, slowest.Figure!.Text));
            sentences.Add(Tradeoff(fastest.Scheme, features, text));
        }
        else
        {
            sentences.Add(text.NoLatency);
        }

        var byQps = Schemes.All.Select(s => (Scheme: s, Figure: performance.Row(s)?.Qps)).Where(x => x.Figure is not null).OrderByDescending(x => x.Figure!.Value).ToList();
        if (byQps.Count >= 2)
        {
            sentences.Add(text.MostFewest(Anchors.ToExperiment("4.2"), byQps[0].Scheme, byQps[0].Figure!.Text, byQps[^1].Scheme, byQps[^1].Figure!.Text));
        }

        return new ReportSection("summary", text.SummaryHeading, [.. sentences.Select(s => new ParagraphBlock(s))]);
    }

    private static string Tradeoff(string fastest, FeatureTable features, ReportText text)
    {
        var givesUp = Tradeoffs.Where(t => features.Cell(t.Feature, fastest).Holds == !t.Good).ToList();
        if (givesUp.Count == 0)
        {
            return text.NoTradeoff(fastest);
        }

        var others = Schemes.All
            .Where(s => s != fastest && givesUp.All(t => features.Cell(t.Feature, s).Holds == t.Good))
            .ToList();
        return text.Tradeoff(fastest, [.. givesUp.Select(t => text.TradeoffGain(t.Feature))], [.. givesUp.Select(t => features.Cell(t.Feature, fastest).Text)], others);
    }

    private static int Count(List<HypothesisVerdict> verdicts, Verdict verdict) => verdicts.Count(v => v.Verdict == verdict);
}
