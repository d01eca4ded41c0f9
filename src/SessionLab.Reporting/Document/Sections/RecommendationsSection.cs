using SessionLab.Reporting.Analysis;
using SessionLab.Reporting.Localization;

namespace SessionLab.Reporting.Document.Sections;

/// <summary>(5) The feature table as observed, then each situation's recommendation next to the rule that made it.</summary>
internal static class RecommendationsSection
{
    public static ReportSection Build(FeatureTable features, IReadOnlyList<Recommendation> recommendations, ReportText text)
    {
        var featureRows = FeatureRows(features, text);
        var ruleRows = recommendations
            .Select(r => (IReadOnlyList<string>)[text.Situation(r.Rule), text.Why(r.Rule), RecommendationRules.Describe(r.Rule, text), Choice(r, text), r.Reason, r.Dependencies ?? "-", r.PlanVerdict ?? text.PlanHasNoRow])
            .ToList();
        return new ReportSection("recommendations", text.RecommendationsHeading,
        [
            new HeadingBlock("feature-table", text.FeatureTableHeading),
            new ParagraphBlock(text.FeatureTableIntro),
            new TableBlock(text.FeatureTableCaption, [text.FeatureColumn, .. Schemes.All], featureRows),
            new HeadingBlock("rules", text.RulesHeading),
            new ParagraphBlock(text.RulesIntro),
            new TableBlock(text.RecommendationsCaption, text.RecommendationColumns, ruleRows),
        ]);
    }

    /// <summary>One row per feature (of <paramref name="only"/>, or all), one cell per variant, each linked to its verdict.</summary>
    internal static IReadOnlyList<IReadOnlyList<string>> FeatureRows(FeatureTable features, ReportText text, IReadOnlyList<Feature>? only = null) =>
        [.. (only ?? FeatureNames.All).Select(f => (IReadOnlyList<string>)[text.FeatureName(f), .. Schemes.All.Select(s => features.Cell(f, s).Text)])];

    /// <summary>The chosen variant, saying which experiments the run lacks when a choice was made without them.</summary>
    internal static string Choice(Recommendation recommendation, ReportText text) => recommendation switch
    {
        { Chosen: { } chosen, Missing.Count: > 0 } => text.ChoiceProvisional(chosen, recommendation.Missing),
        { Chosen: { } chosen } => chosen,
        { Candidates.Count: > 0 } => text.ChoiceNotRanked(recommendation.Candidates),
        { Missing.Count: > 0 } => text.ChoiceNotDecided(recommendation.Missing),
        _ => text.ChoiceNone,
    };
}
