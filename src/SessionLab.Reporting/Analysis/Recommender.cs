namespace SessionLab.Reporting.Analysis;

/// <summary>Applies the rules to a measured feature table and performance table.</summary>
internal static class Recommender
{
    public static IReadOnlyList<Recommendation> Recommend(FeatureTable features, PerformanceFigures performance, IReadOnlyList<RecommendationRule>? rules = null) =>
        [.. (rules ?? RecommendationRules.All).Select(r => Apply(r, features, performance))];

    public static Recommendation Apply(RecommendationRule rule, FeatureTable features, PerformanceFigures performance)
    {
        var recommendation = Choose(rule, features, performance);
        var missing = MissingEvidence(rule, features);
        return recommendation with
        {
            Missing = missing,
            Dependencies = recommendation.Chosen is { } chosen ? features.Cell(Feature.ExternalDependency, chosen).Text : null,
            PlanVerdict = CompareWithPlan(rule, recommendation, features, performance, missing),
        };
    }

    /// <summary>
    /// The experiments whose verdicts would decide the cells this rule needs but this run left undecided, e.g. 1.3
    /// and 6.1 when the run was a subset: a rule without its evidence says so instead of "no scheme qualifies".
    /// </summary>
    internal static IReadOnlyList<string> MissingEvidence(RecommendationRule rule, FeatureTable features) =>
        [.. rule.Requirements
            .SelectMany(r => Schemes.All.Select(s => features.Cell(r.Feature, s)))
            .Where(c => c.Holds is null)
            .SelectMany(c => FeatureEvidenceCatalog.All.Where(e => e.Feature == c.Feature && e.Scheme == c.Scheme).Take(1))
            .Select(e => e.ExperimentId)
            .Distinct()
            .Order(StringComparer.Ordinal)];

    /// <summary>"agrees", or "differs, because …" with the measured reason; null where the plan has no recommendation.</summary>
    internal static string? CompareWithPlan(RecommendationRule rule, Recommendation recommendation, FeatureTable features, PerformanceFigures performance, IReadOnlyList<string> missing)
    {
        if (rule.Plan is not { } plan)
        {
            return null;
        }

        var planName = Schemes.PlanName(plan.Scheme);
        if (recommendation.Chosen is not { } chosen)
        {
            return missing.Count > 0
                ? $"not decided: this run lacks {string.Join(", ", missing)} (the plan: {planName}, {plan.Reason})"
                : $"differs: no variant was chosen (the plan: {planName}, {plan.Reason})";
        }

        // The plan names "JWT Token" for both JWT variants: the one that meets the rule is the plan's JWT.
        if (Schemes.PlanName(chosen) == planName)
        {
            return $"agrees (the plan: {planName}, {plan.Reason})";
        }

        var planVariants = Schemes.All.Where(s => Schemes.PlanName(s) == planName).ToList();
        var lacking = planVariants
            .Select(v => (Variant: v, Failed: rule.Requirements.FirstOrDefault(r => features.Cell(r.Feature, v).Holds != r.Wanted)))
            .ToList();
        if (lacking.All(l => l.Failed is not null))
        {
            var reasons = lacking.Select(l => $"{l.Variant}: {FeatureNames.Name(l.Failed!.Feature)} {features.Cell(l.Failed.Feature, l.Variant).Text}");
            return $"differs from the plan ({planName}), because here {string.Join("; ", reasons)}";
        }

        var qualified = lacking.First(l => l.Failed is null).Variant;
        var ours = Metric(rule.RankBy, performance.Row(chosen));
        var theirs = Metric(rule.RankBy, performance.Row(qualified));
        return $"differs from the plan ({planName}): both qualify, and {chosen} measured {ours?.Text ?? "n/a"}{Unit(rule.RankBy)} against {qualified}'s {theirs?.Text ?? "n/a"}{Unit(rule.RankBy)} ({Short(rule.RankBy)}){Beyond(rule.RankBy, ours, theirs)}";
    }

    private static string Beyond(RankBy rankBy, Figure? ours, Figure? theirs) =>
        ours is null || theirs is null ? string.Empty
        : ours.DiffersBeyondNoise(theirs) switch
        {
            true => ", beyond the noise",
            false => $", within the noise: on {Short(rankBy)} alone either would do",
            null => string.Empty,
        };

    private static Recommendation Choose(RecommendationRule rule, FeatureTable features, PerformanceFigures performance)
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
            var undecided = MissingEvidence(rule, features);
            return new Recommendation(rule, candidates, null, (undecided.Count > 0 ? $"this run lacks the evidence: needs {string.Join(" and ", undecided)}" : "no measured variant meets every requirement") + excludedText);
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

        // A lead inside the noise is no reason to overrule the plan: where the plan's variant qualifies and its figure
        // overlaps the best one's interval, the plan's choice stands and the reason says so.
        var best = ranked[0];
        var plan = rule.Plan is { } p ? ranked.FirstOrDefault(x => x.Scheme == p.Scheme) : default;
        if (plan.Scheme is not null && plan.Scheme != best.Scheme && plan.Figure!.DiffersBeyondNoise(best.Figure!) == false)
        {
            return new Recommendation(rule, candidates, plan.Scheme, $"{string.Join(", ", candidates)} qualify; {Short(rule.RankBy)}: {figures}; {best.Scheme}'s lead is within the noise, so the plan's choice stands{excludedText}");
        }

        return new Recommendation(rule, candidates, best.Scheme, $"{string.Join(", ", candidates)} qualify; {Short(rule.RankBy)}: {figures}{excludedText}");
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
