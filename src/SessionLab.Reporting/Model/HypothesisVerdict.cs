namespace SessionLab.Reporting.Model;

/// <summary>A hypothesis as the plan states it (H1, H2, ...).</summary>
public sealed record Hypothesis(string Id, string Statement);

/// <summary>The verdict on one hypothesis, derived from observations, with the evidence in one sentence.</summary>
public sealed record HypothesisVerdict(string Id, string Statement, Verdict Verdict, string Evidence);

public enum Verdict
{
    Confirmed,
    Refuted,
    Inconclusive,
}
