using System.Globalization;
using SessionLab.Reporting.Analysis;
using SessionLab.Reporting.Document.Sections;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Document;

/// <summary>
/// Fills the plan's report template (SPEC §5) from one run, after an answer-first "At a glance": (1) environment, (2) key findings, (3) problems met,
/// (4) performance, (5) recommendations, (6) summary, (7) time per group. Pure and deterministic: the same
/// <see cref="RunResult"/> always gives the same document, so re-rendering a results.json reproduces the run's report.
/// </summary>
public static class ReportBuilder
{
    public static ReportDocument Build(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var performance = PerformanceFigures.From(run);
        var features = FeatureTable.From(run);
        var recommendations = Recommender.Recommend(features, performance);
        var mode = run.Quick ? "quick run" : "full run";
        return new ReportDocument(
            "Session Lab report",
            $"Run {run.RunId}, started {EnvironmentSection.Timestamp(run.StartedAt)}, {mode}, {run.Experiments.Count.ToString(CultureInfo.InvariantCulture)} experiment(s).",
            [
                AtAGlanceSection.Build(run, features, performance, recommendations),
                EnvironmentSection.Build(run),
                FindingsSection.Build(run),
                ProblemsSection.Build(run),
                PerformanceSection.Build(performance),
                RecommendationsSection.Build(features, recommendations),
                SummarySection.Build(run, performance, features),
                TimeSection.Build(run),
            ]);
    }
}
