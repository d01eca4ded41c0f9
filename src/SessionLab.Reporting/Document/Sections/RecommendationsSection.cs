using SessionLab.Reporting.Analysis;

namespace SessionLab.Reporting.Document.Sections;

/// <summary>(5) The feature table as observed, then each situation's recommendation next to the rule that made it.</summary>
internal static class RecommendationsSection
{
    public static ReportSection Build(FeatureTable features, IReadOnlyList<Recommendation> recommendations)
    {
        var featureRows = FeatureRows(features);
        var ruleRows = recommendations
            .Select(r => (IReadOnlyList<string>)[r.Rule.Situation, r.Rule.Why, RecommendationRules.Describe(r.Rule), Choice(r), r.Reason, r.Dependencies ?? "-", r.PlanVerdict ?? "the plan has no row for this situation"])
            .ToList();
        return new ReportSection("recommendations", "5. Recommendations",
        [
            new HeadingBlock("feature-table", "Feature table (as observed)"),
            new ParagraphBlock("Each cell is read from a verdict of this run and links to the experiment that showed it (experiment and hypothesis in brackets). \"Inferred\" marks a cell read from a related observation, where the plan does not test the feature head-on (e.g. no redis backend is crashed; logout of a server-side session is shown by a session the server no longer holds being refused at once). \"Not measured\" means the run lacks that experiment."),
            new TableBlock("Feature table", ["feature", .. Schemes.All], featureRows),
            new HeadingBlock("rules", "Recommendations per situation"),
            new ParagraphBlock("Each situation is a rule over the feature table: keep the variants whose cells meet every requirement, then rank them by a measured figure of that very variant (JWT with revocation by its own figures, not stateless JWT's). The chosen variant's dependencies come with it, and the plan's own recommendation stands beside it: agrees, or differs with the measured reason. Nothing here is written by hand per run."),
            new TableBlock("Recommendations", ["situation", "needs", "rule", "recommendation", "why (measured)", "depends on", "the plan"], ruleRows),
        ]);
    }

    /// <summary>One row per feature, one cell per variant, each linked to its verdict.</summary>
    internal static IReadOnlyList<IReadOnlyList<string>> FeatureRows(FeatureTable features) =>
        [.. FeatureNames.All.Select(f => (IReadOnlyList<string>)[FeatureNames.Name(f), .. Schemes.All.Select(s => features.Cell(f, s).Text)])];

    internal static string Choice(Recommendation recommendation) => recommendation switch
    {
        { Chosen: { } chosen } => chosen,
        { Candidates.Count: > 0 } => string.Join(" or ", recommendation.Candidates) + " (not ranked)",
        { Missing.Count: > 0 } => $"not decided: needs {string.Join(" and ", recommendation.Missing)}",
        _ => "none of the measured variants",
    };
}
