using SessionLab.Reporting.Analysis;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Document.Sections;

/// <summary>(6) A few sentences built from the counts, the measured speed order and the feature table: nothing hand-written per run.</summary>
internal static class SummarySection
{
    /// <summary>Features whose "bad" answer makes a trade-off: what the fastest scheme may give up.</summary>
    private static readonly (Feature Feature, bool Good, string Gain)[] Tradeoffs =
    [
        (Feature.CrossServerSharing, true, "share sessions across backends"),
        (Feature.SurvivesBackendCrash, true, "survive a backend crash"),
        (Feature.ExternalDependency, false, "need no external store"),
    ];

    public static ReportSection Build(RunResult run, PerformanceFigures performance, FeatureTable features)
    {
        var verdicts = run.Experiments.SelectMany(e => e.Verdicts).ToList();
        var completed = run.Experiments.Count(e => e.Status == ExperimentStatus.Completed);
        var sentences = new List<string>
        {
            Interruption(RunCoverage.Of(run))
            + $"This run ran {RunCoverage.Of(run).Describe()} ({completed} completed, {run.Experiments.Count(e => e.Status == ExperimentStatus.Failed)} failed, {run.Experiments.Count(e => e.Status == ExperimentStatus.Skipped)} skipped). "
            + $"Of {verdicts.Count} hypotheses, {Count(verdicts, Verdict.Confirmed)} were confirmed, {Count(verdicts, Verdict.Refuted)} refuted and {Count(verdicts, Verdict.Inconclusive)} inconclusive ({Anchors.Link("problems met", "problems")} lists the latter two).",
        };

        var byP50 = Schemes.All.Select(s => (Scheme: s, Figure: performance.Row(s)?.P50)).Where(x => x.Figure is not null).OrderBy(x => x.Figure!.Value).ToList();
        if (byP50.Count >= 2)
        {
            var fastest = byP50[0];
            var slowest = byP50[^1];
            sentences.Add($"By median latency ({Anchors.ToExperiment("4.1")}) {fastest.Scheme} was the fastest scheme measured ({fastest.Figure!.Text} ms) and {slowest.Scheme} the slowest ({slowest.Figure!.Text} ms).");
            sentences.Add(Tradeoff(fastest.Scheme, features));
        }
        else
        {
            sentences.Add("Latency (4.1) was not measured for the schemes in this run, so no speed order or speed trade-off is stated.");
        }

        var byQps = Schemes.All.Select(s => (Scheme: s, Figure: performance.Row(s)?.Qps)).Where(x => x.Figure is not null).OrderByDescending(x => x.Figure!.Value).ToList();
        if (byQps.Count >= 2)
        {
            sentences.Add($"Under load ({Anchors.ToExperiment("4.2")}) {byQps[0].Scheme} sustained the most requests per second ({byQps[0].Figure!.Text}) and {byQps[^1].Scheme} the fewest ({byQps[^1].Figure!.Text}).");
        }

        return new ReportSection("summary", "6. Summary", [.. sentences.Select(s => new ParagraphBlock(s))]);
    }

    private static string Interruption(RunCoverage coverage) =>
        coverage.Interrupted
            ? $"This run was interrupted (Ctrl+C or SIGTERM) after {coverage.PlanRan + coverage.BeyondRan} of the {coverage.SelectedCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "chosen"} experiments it was asked for; what follows covers only those that completed. "
            : string.Empty;

    private static string Tradeoff(string fastest, FeatureTable features)
    {
        var givesUp = Tradeoffs.Where(t => features.Cell(t.Feature, fastest).Holds == !t.Good).ToList();
        if (givesUp.Count == 0)
        {
            return $"No trade-off against {fastest} was measured: the feature table shows it giving up none of cross-server sharing, crash survival or independence from a store (or those cells were not measured).";
        }

        var others = Schemes.All
            .Where(s => s != fastest && givesUp.All(t => features.Cell(t.Feature, s).Holds == t.Good))
            .ToList();
        var lost = string.Join(" or ", givesUp.Select(t => t.Gain.Replace("need no", "avoid an", StringComparison.Ordinal)));
        var cells = string.Join(", ", givesUp.Select(t => features.Cell(t.Feature, fastest).Text));
        return others.Count == 0
            ? $"The main trade-off: {fastest} is fastest but does not {lost} ({cells})."
            : $"The main trade-off: {fastest} is fastest but does not {lost} ({cells}); {string.Join(" and ", others)} do, at the latency above.";
    }

    private static int Count(List<HypothesisVerdict> verdicts, Verdict verdict) => verdicts.Count(v => v.Verdict == verdict);
}
