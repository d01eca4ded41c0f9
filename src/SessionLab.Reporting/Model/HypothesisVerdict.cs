namespace SessionLab.Reporting.Model;

/// <summary>A hypothesis as the plan states it (H1, H2, ...).</summary>
public sealed record Hypothesis(string Id, string Statement);

/// <summary>The verdict on one hypothesis, derived from observations, with the evidence in one sentence.</summary>
public sealed record HypothesisVerdict(string Id, string Statement, Verdict Verdict, string Evidence)
{
    /// <summary>
    /// The evidence as the judge wrote it, its English sentence with the measured values as arguments, so a report in
    /// another language can put the same values into its own sentence; null when the judge passed a finished string
    /// (and in results written before templates existed), which a report then shows as recorded.
    /// </summary>
    public EvidenceTemplate? EvidenceTemplate { get; init; }
}

/// <summary>
/// A sentence with numbered holes (<c>"{0} requests reached {1}"</c>, composite-format syntax) and the measured values
/// that fill them, already formatted as they read in <see cref="HypothesisVerdict.Evidence"/>.
/// </summary>
public sealed record EvidenceTemplate(string Format, IReadOnlyList<string> Arguments);

public enum Verdict
{
    Confirmed,
    Refuted,
    Inconclusive,
}
