namespace SessionLab.Reporting.Model;

/// <summary>
/// A speed target an experiment judged, typed so the report renders it in any language and never reads it from table
/// text: 4.2's "sticky / ceiling via ip_hash ≥ 0.95", judged from the paired ratio
/// <see cref="RatioMetric"/> (a key of the experiment's <see cref="ExperimentResult.Metrics"/>).
/// </summary>
/// <param name="Target">The variant held to the goal (<c>sticky</c>, <c>jwt + revocation</c>).</param>
/// <param name="Reference">What it is held against: a ceiling or a peer (<c>aspnet-session (built-in peer)</c>).</param>
/// <param name="AtLeast">The goal: the ratio target / reference must reach at least this.</param>
/// <param name="RatioMetric">The key of the ratio's metric (<c>redis/ratio_to_peer</c>); null when it was not measured.</param>
/// <param name="Outcome">How the ratio compares with the goal, beyond its interval.</param>
/// <param name="Reason">Why it was not judged, or the noise it fell within ("±12 %"); null otherwise.</param>
public sealed record TargetGoal(string Target, string Reference, double AtLeast, string? RatioMetric, GoalOutcome Outcome, string? Reason = null);

/// <summary>A goal's outcome: met or missed beyond the ratio's interval, or not decidable from this run.</summary>
public enum GoalOutcome
{
    Met,
    Missed,

    /// <summary>The interval straddles the goal.</summary>
    WithinNoise,

    /// <summary>Measured, but either side failed requests (a broken baseline) or the ratio has one round only.</summary>
    NotJudged,
    NotMeasured,
}
