namespace SessionLab.Reporting.Analysis;

/// <summary>
/// What a rule gave for this run: the <see cref="Candidates"/> that meet every requirement, the <see cref="Chosen"/>
/// one (null when none qualifies, or when the ranking figure was not measured and several remain), and why.
/// </summary>
internal sealed record Recommendation(RecommendationRule Rule, IReadOnlyList<string> Candidates, string? Chosen, string Reason);
