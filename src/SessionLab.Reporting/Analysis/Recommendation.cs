namespace SessionLab.Reporting.Analysis;

/// <summary>
/// What a rule gave for this run: the <see cref="Candidates"/> that meet every requirement, the <see cref="Chosen"/>
/// one (null when none qualifies, or when the ranking figure was not measured and several remain), and why.
/// </summary>
internal sealed record Recommendation(RecommendationRule Rule, IReadOnlyList<string> Candidates, string? Chosen, string Reason)
{
    /// <summary>Experiments the run lacks that would decide cells this rule needs (e.g. "1.3", "6.1").</summary>
    public IReadOnlyList<string> Missing { get; init; } = [];

    /// <summary>What the chosen variant depends on, as this run measured it (its external-dependency cell); null when none chosen.</summary>
    public string? Dependencies { get; init; }

    /// <summary>
    /// The chosen variant's external-dependency cell and the names of the outage features it fails, for "At a glance"
    /// (section 5 gives the outage cells with their evidence).
    /// </summary>
    public string? DependencyBrief { get; init; }

    /// <summary>"agrees" / "differs, because …" against the plan's own recommendation; null where the plan has none.</summary>
    public string? PlanVerdict { get; init; }

    /// <summary><see cref="PlanVerdict"/> without what ruled the other variants out: "At a glance" has one screen; section 5 has the whole.</summary>
    public string? PlanVerdictBrief { get; init; }
}
