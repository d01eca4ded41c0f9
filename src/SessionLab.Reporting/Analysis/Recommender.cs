using SessionLab.Reporting.Localization;

namespace SessionLab.Reporting.Analysis;

/// <summary>Applies the rules to a measured feature table and performance table.</summary>
internal static class Recommender
{
    /// <param name="features">The feature table of the run.</param>
    /// <param name="performance">The performance table of the run.</param>
    /// <param name="rules">The rules to apply [default: <see cref="RecommendationRules.All"/>].</param>
    /// <param name="text">The language of the reasons [default: English].</param>
    public static IReadOnlyList<Recommendation> Recommend(FeatureTable features, PerformanceFigures performance, IReadOnlyList<RecommendationRule>? rules = null, ReportText? text = null) =>
        [.. (rules ?? RecommendationRules.All).Select(r => Apply(r, features, performance, text))];

    /// <param name="rule">The situation's rule.</param>
    /// <param name="features">The feature table of the run.</param>
    /// <param name="performance">The performance table of the run.</param>
    /// <param name="text">The language of the reasons [default: English].</param>
    public static Recommendation Apply(RecommendationRule rule, FeatureTable features, PerformanceFigures performance, ReportText? text = null)
    {
        text ??= EnglishReportText.Instance;
        var recommendation = Choose(rule, features, performance, text);
        var missing = MissingEvidence(rule, features);
        return recommendation with
        {
            Missing = missing,
            Dependencies = recommendation.Chosen is { } chosen ? features.Cell(Feature.ExternalDependency, chosen).Text : null,
            PlanVerdict = CompareWithPlan(rule, recommendation, features, performance, missing, text),
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
    internal static string? CompareWithPlan(RecommendationRule rule, Recommendation recommendation, FeatureTable features, PerformanceFigures performance, IReadOnlyList<string> missing, ReportText? text = null)
    {
        text ??= EnglishReportText.Instance;
        if (rule.Plan is not { } plan)
        {
            return null;
        }

        var planName = Schemes.PlanName(plan.Scheme);
        var reason = text.PlanReason(rule);
        if (recommendation.Chosen is not { } chosen)
        {
            return missing.Count > 0 ? text.PlanNotDecided(missing, planName, reason) : text.PlanNoChoice(planName, reason);
        }

        // The plan names "JWT Token" for both JWT variants: the one that meets the rule is the plan's JWT.
        if (Schemes.PlanName(chosen) == planName)
        {
            return text.PlanAgrees(planName, reason);
        }

        var planVariants = Schemes.All.Where(s => Schemes.PlanName(s) == planName).ToList();
        var lacking = planVariants
            .Select(v => (Variant: v, Failed: rule.Requirements.FirstOrDefault(r => features.Cell(r.Feature, v).Holds != r.Wanted)))
            .ToList();
        if (lacking.All(l => l.Failed is not null))
        {
            return text.PlanDiffersLacking(planName, [.. lacking.Select(l => text.PlanLacks(l.Variant, l.Failed!.Feature, features.Cell(l.Failed.Feature, l.Variant).Text))]);
        }

        var qualified = lacking.First(l => l.Failed is null).Variant;
        var ours = Metric(rule.RankBy, performance.Row(chosen));
        var theirs = Metric(rule.RankBy, performance.Row(qualified));
        return text.PlanDiffersBoth(
            planName,
            chosen,
            (ours?.Text ?? text.NotAvailable) + Unit(rule.RankBy),
            qualified,
            (theirs?.Text ?? text.NotAvailable) + Unit(rule.RankBy),
            Short(rule.RankBy),
            Beyond(rule.RankBy, ours, theirs, text));
    }

    private static string Beyond(RankBy rankBy, Figure? ours, Figure? theirs, ReportText text) =>
        ours is null || theirs is null ? string.Empty
        : ours.DiffersBeyondNoise(theirs) switch
        {
            true => text.BeyondNoise,
            false => text.WithinNoise(Short(rankBy)),
            null => string.Empty,
        };

    private static Recommendation Choose(RecommendationRule rule, FeatureTable features, PerformanceFigures performance, ReportText text)
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

            excluded.Add(text.Excluded(scheme, failed[0].Feature, features.Cell(failed[0].Feature, scheme).Holds));
        }

        var excludedText = text.ExcludedSuffix(excluded);
        if (candidates.Count == 0)
        {
            var undecided = MissingEvidence(rule, features);
            return new Recommendation(rule, candidates, null, (undecided.Count > 0 ? text.LacksEvidence(undecided) : text.NoneMeets) + excludedText);
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
            return new Recommendation(rule, candidates, candidates[0], text.OnlyOne(figures) + excludedText);
        }

        if (ranked.Count < candidates.Count)
        {
            // Ranking on a partial set would favour whichever scheme happened to be measured.
            return new Recommendation(rule, candidates, null, text.NotMeasuredForAll(candidates, Short(rule.RankBy)) + excludedText);
        }

        // A lead inside the noise is no reason to overrule the plan: where the plan's variant qualifies and its figure
        // overlaps the best one's interval, the plan's choice stands and the reason says so.
        var best = ranked[0];
        var plan = rule.Plan is { } p ? ranked.FirstOrDefault(x => x.Scheme == p.Scheme) : default;
        if (plan.Scheme is not null && plan.Scheme != best.Scheme && plan.Figure!.DiffersBeyondNoise(best.Figure!) == false)
        {
            return new Recommendation(rule, candidates, plan.Scheme, text.Qualify(candidates, Short(rule.RankBy), figures) + text.LeadWithinNoise(best.Scheme) + excludedText);
        }

        return new Recommendation(rule, candidates, best.Scheme, text.Qualify(candidates, Short(rule.RankBy), figures) + excludedText);
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
