namespace SessionLab.Reporting.Analysis;

/// <summary>Applies the rules to a measured feature table and performance table.</summary>
internal static class Recommender
{
    public static IReadOnlyList<Recommendation> Recommend(FeatureTable features, PerformanceFigures performance, IReadOnlyList<RecommendationRule>? rules = null) =>
        [.. (rules ?? RecommendationRules.All).Select(r => Apply(r, features, performance))];

    public static Recommendation Apply(RecommendationRule rule, FeatureTable features, PerformanceFigures performance)
    {
        var candidates = new List<string>();
        var excluded = new List<string>();
        foreach (var scheme in Schemes.All)
        {
            var failed = rule.Requirements.Where(r => features.Cell(r.Feature, scheme).Holds != r.Wanted).ToList();
            if (failed.Count == 0)
            {
                candidates.Add(scheme);
                continue;
            }

            var cell = features.Cell(failed[0].Feature, scheme);
            excluded.Add($"{scheme} ({FeatureNames.Name(failed[0].Feature)}: {(cell.Holds is null ? "not measured" : cell.Holds.Value ? "yes" : "no")})");
        }

        var excludedText = excluded.Count == 0 ? string.Empty : "; excluded: " + string.Join(", ", excluded);
        if (candidates.Count == 0)
        {
            return new Recommendation(rule, candidates, null, "no measured scheme meets every requirement" + excludedText);
        }

        var ranked = candidates
            .Select(s => (Scheme: s, Figure: Metric(rule.RankBy, performance.Row(s))))
            .Where(x => x.Figure is not null)
            .OrderBy(x => rule.RankBy == RankBy.HighestQps ? -x.Figure!.Value : x.Figure!.Value)
            .ThenBy(x => Schemes.All.ToList().IndexOf(x.Scheme))
            .ToList();
        var figures = string.Join(", ", ranked.Select(x => $"{x.Scheme} {x.Figure!.Text}{Unit(rule.RankBy)}"));
        if (candidates.Count == 1)
        {
            return new Recommendation(rule, candidates, candidates[0], $"the only scheme meeting every requirement{(figures.Length > 0 ? " (" + figures + ")" : string.Empty)}{excludedText}");
        }

        if (ranked.Count < candidates.Count)
        {
            // Ranking on a partial set would favour whichever scheme happened to be measured.
            return new Recommendation(rule, candidates, null, $"{string.Join(" or ", candidates)} meet every requirement; {Short(rule.RankBy)} was not measured for all of them in this run{excludedText}");
        }

        return new Recommendation(rule, candidates, ranked[0].Scheme, $"{string.Join(", ", candidates)} qualify; {Short(rule.RankBy)}: {figures}{excludedText}");
    }

    public static Figure? Metric(RankBy rankBy, PerformanceRow? row) => rankBy switch
    {
        RankBy.LowestP50 => row?.P50,
        RankBy.LowestP99 => row?.P99,
        _ => row?.Qps,
    };

    private static string Short(RankBy rankBy) => rankBy switch
    {
        RankBy.LowestP50 => "P50",
        RankBy.LowestP99 => "P99",
        _ => "QPS",
    };

    private static string Unit(RankBy rankBy) => rankBy == RankBy.HighestQps ? string.Empty : " ms";
}
