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
            Dependencies = recommendation.Chosen is { } chosen ? Dependencies(chosen, features, text) : null,
            DependencyBrief = recommendation.Chosen is { } dependent ? DependencyBrief(dependent, features, text) : null,
            PlanVerdict = CompareWithPlan(rule, recommendation, features, performance, missing, text),
            PlanVerdictBrief = CompareWithPlan(rule, recommendation, features, performance, missing, text, brief: true),
        };
    }

    /// <summary>Features whose cells say how a variant with a store behaves when the store fails: they come with its dependency.</summary>
    private static readonly Feature[] OutageFeatures = [Feature.StoreOutage, Feature.RevokedRefusedWhileStoreDown, Feature.LogoutSurvivesStoreRestart];

    /// <summary>
    /// What the chosen variant depends on, as measured: its external-dependency cell and, when it has a store, how it
    /// behaved while the store was down and what its logouts did (the cells that do not read yes: the caveats a team
    /// takes on with it, e.g. JWT with revocation failing open, or revocations lost with a restart).
    /// </summary>
    internal static string Dependencies(string chosen, FeatureTable features, ReportText? text = null)
    {
        text ??= EnglishReportText.Instance;
        var dependency = features.Cell(Feature.ExternalDependency, chosen);
        if (dependency.Holds != true)
        {
            return dependency.Text;
        }

        var details = OutageFeatures
            .Select(f => features.Cell(f, chosen))
            .Where(c => c.Feature == Feature.StoreOutage || c.Holds != true)
            .Select(c => text.DependencyDetail(c.Feature, c.Text));
        return string.Concat([dependency.Text, .. details]);
    }

    /// <summary>
    /// <see cref="Dependencies"/> for one screen: the external-dependency cell, and the names of the outage features the
    /// chosen variant fails (its caveats, e.g. JWT with revocation failing open), without their evidence text.
    /// </summary>
    internal static string DependencyBrief(string chosen, FeatureTable features, ReportText? text = null)
    {
        text ??= EnglishReportText.Instance;
        var dependency = features.Cell(Feature.ExternalDependency, chosen);
        var caveats = Caveats(chosen, features);
        return dependency.Holds != true || caveats.Count == 0 ? dependency.Text : dependency.Text + text.CaveatsBrief(caveats);
    }

    /// <summary>The outage features a variant with a store measurably fails (a cell that reads no): what a team takes on with it.</summary>
    private static IReadOnlyList<Feature> Caveats(string scheme, FeatureTable features) =>
        features.Cell(Feature.ExternalDependency, scheme).Holds != true
            ? []
            : [.. OutageFeatures.Where(f => f != Feature.StoreOutage && features.Cell(f, scheme).Holds == false)];

    /// <summary>
    /// The experiments whose verdicts would decide the cells this rule needs but this run left undecided, e.g. 1.3
    /// and 6.1 when the run was a subset: a rule without its evidence says so instead of "no scheme qualifies", and a
    /// choice made without it says it is provisional. A variant a decided cell already rules out needs nothing more.
    /// </summary>
    internal static IReadOnlyList<string> MissingEvidence(RecommendationRule rule, FeatureTable features) =>
        [.. Schemes.All
            .Where(s => !rule.Requirements.Any(r => features.Cell(r.Feature, s).Holds == !r.Wanted))
            .SelectMany(s => rule.Requirements.Select(r => features.Cell(r.Feature, s)))
            .Where(c => c.Holds is null)
            .SelectMany(c => FeatureEvidenceCatalog.All.Where(e => e.Feature == c.Feature && e.Scheme == c.Scheme).Take(1))
            .Select(e => e.ExperimentId)
            .Distinct()
            .Order(StringComparer.Ordinal)];

    /// <summary>"agrees", or "differs, because …" with the measured reason; null where the plan has no recommendation.</summary>
    internal static string? CompareWithPlan(RecommendationRule rule, Recommendation recommendation, FeatureTable features, PerformanceFigures performance, IReadOnlyList<string> missing, ReportText? text = null, bool brief = false)
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
            return text.PlanAgrees(planName, reason) + (brief ? string.Empty : text.MeasuredAlso(MeasuredExclusions(rule, features, text)));
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
            Short(rule.RankBy),
            Beyond(rule.RankBy, ours, theirs, text));
    }

    /// <summary>
    /// The variants that meet the plan's own features of the rule but fail one the lab added (groups 5–6), with the
    /// cells that rule them out: the measured reason the plan's choice still stands (e.g. JWT with revocation accepting
    /// a revoked token once Redis is back, 6.5 H4).
    /// </summary>
    private static IReadOnlyList<string> MeasuredExclusions(RecommendationRule rule, FeatureTable features, ReportText text) =>
        [.. Schemes.All
            .Where(s => rule.Requirements.Where(r => FeatureNames.IsPlans(r.Feature)).All(r => features.Cell(r.Feature, s).Holds == r.Wanted))
            .SelectMany(s => rule.Requirements
                .Where(r => !FeatureNames.IsPlans(r.Feature) && features.Cell(r.Feature, s).Holds == !r.Wanted)
                .Select(r => text.PlanLacks(s, r.Feature, features.Cell(r.Feature, s).Text)))];

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
        // The reason cites the chosen variant's own figure only: another variant's number beside it reads as if it were
        // the recommended one's (the plan column compares with the plan's variant, apart and named).
        string Cited(string scheme) => ranked.FirstOrDefault(x => x.Scheme == scheme) is { Figure: { } f } ? $"{scheme} {f.Text}{Unit(rule.RankBy)}" : string.Empty;
        if (candidates.Count == 1)
        {
            return new Recommendation(rule, candidates, candidates[0], text.OnlyOne(Cited(candidates[0])) + excludedText);
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
            return new Recommendation(rule, candidates, plan.Scheme, text.Qualify(candidates, Short(rule.RankBy), Cited(plan.Scheme)) + text.LeadWithinNoise(best.Scheme) + excludedText);
        }

        // Without a plan's choice to fall back on, a lead inside the noise is still no reason on its own: among the
        // variants within the noise of the best, the one with the fewest measured caveats (outage cells that read no) is
        // chosen, and the reason says the lead was noise either way.
        var tied = ranked.Where(x => x.Scheme == best.Scheme || x.Figure!.DiffersBeyondNoise(best.Figure!) == false).ToList();
        if (tied.Count > 1)
        {
            var chosen = tied.MinBy(x => Caveats(x.Scheme, features).Count);
            var others = tied.Where(x => x.Scheme != chosen.Scheme).Select(x => x.Scheme).ToList();
            var lead = chosen.Scheme == best.Scheme
                ? text.OwnLeadWithinNoise(others)
                : text.LeadWithinNoiseFewerCaveats(best.Scheme, [.. Caveats(best.Scheme, features).Except(Caveats(chosen.Scheme, features))]);
            return new Recommendation(rule, candidates, chosen.Scheme, text.Qualify(candidates, Short(rule.RankBy), Cited(chosen.Scheme)) + lead + excludedText);
        }

        return new Recommendation(rule, candidates, best.Scheme, text.Qualify(candidates, Short(rule.RankBy), Cited(best.Scheme)) + excludedText);
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
