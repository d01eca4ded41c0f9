using SessionLab.Reporting.Analysis;
using SessionLab.Reporting.Document.Sections;
using SessionLab.Reporting.Localization;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Document;

/// <summary>
/// Fills the plan's report template (SPEC §5) from one run, after an answer-first "At a glance": (1) environment, (2) key findings, (3) problems met,
/// (4) performance, (5) recommendations, (6) summary, (7) time per group. Pure and deterministic: the same
/// <see cref="RunResult"/> and language always give the same document, so re-rendering a results.json reproduces the
/// run's report, in either language.
/// </summary>
public static class ReportBuilder
{
    /// <param name="run">The run, as results.json holds it.</param>
    /// <param name="language">The language to write the report in; the run itself is language-neutral.</param>
    public static ReportDocument Build(RunResult run, ReportLanguage language = ReportLanguage.English)
    {
        ArgumentNullException.ThrowIfNull(run);
        var text = ReportText.For(language);
        var performance = PerformanceFigures.From(run, text);
        var features = FeatureTable.From(run, text: text);
        var recommendations = Recommender.Recommend(features, performance, text: text);
        return new ReportDocument(
            text.Title,
            text.Subtitle(run.RunId, EnvironmentSection.Timestamp(run.StartedAt), run.Quick, run.Experiments.Count),
            [
                AtAGlanceSection.Build(run, features, performance, recommendations, text),
                EnvironmentSection.Build(run, text),
                FindingsSection.Build(run, text),
                ProblemsSection.Build(run, text),
                PerformanceSection.Build(performance, text),
                RecommendationsSection.Build(features, recommendations, text),
                SummarySection.Build(run, performance, features, text),
                TimeSection.Build(run, text),
            ])
        {
            Language = language,
        };
    }
}
