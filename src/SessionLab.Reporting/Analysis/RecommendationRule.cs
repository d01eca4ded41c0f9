namespace SessionLab.Reporting.Analysis;

/// <summary>What a situation needs of a scheme: a feature that must read yes (<paramref name="Wanted"/>) or no.</summary>
internal sealed record Requirement(Feature Feature, bool Wanted);

/// <summary>How a rule chooses among the schemes that meet its requirements, from the performance table.</summary>
internal enum RankBy
{
    LowestP50,
    LowestP99,
    HighestQps,
}

/// <summary>
/// One situation of the plan and the rule that picks its scheme: keep the schemes whose measured features meet every
/// requirement, then take the best by <see cref="RankBy"/>. <see cref="Why"/> says why the situation needs this;
/// <see cref="Plan"/> is the plan's own recommendation for it (its situations table), null where the plan has no row.
/// </summary>
internal sealed record RecommendationRule(string Situation, IReadOnlyList<Requirement> Requirements, RankBy RankBy, string Why, PlanChoice? Plan = null);

/// <summary>The plan's recommendation for a situation: a scheme (a name in <see cref="Schemes"/>) and the plan's reason.</summary>
internal sealed record PlanChoice(string Scheme, string Reason);
