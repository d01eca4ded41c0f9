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
/// requirement, then take the best by <see cref="RankBy"/>. <see cref="Why"/> says why the situation needs this.
/// </summary>
internal sealed record RecommendationRule(string Situation, IReadOnlyList<Requirement> Requirements, RankBy RankBy, string Why);
