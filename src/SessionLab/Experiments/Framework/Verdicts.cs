using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.Framework;

/// <summary>A hypothesis's verdict in one call: <c>h1.Confirmed("…")</c>, <c>h2.Holds(ok, "…")</c>.</summary>
internal static class Verdicts
{
    public static HypothesisVerdict Confirmed(this Hypothesis hypothesis, string evidence) => With(hypothesis, Verdict.Confirmed, evidence);

    public static HypothesisVerdict Refuted(this Hypothesis hypothesis, string evidence) => With(hypothesis, Verdict.Refuted, evidence);

    public static HypothesisVerdict Inconclusive(this Hypothesis hypothesis, string evidence) => With(hypothesis, Verdict.Inconclusive, evidence);

    /// <summary>Confirmed when <paramref name="holds"/>, refuted otherwise.</summary>
    public static HypothesisVerdict Holds(this Hypothesis hypothesis, bool holds, string evidence) =>
        With(hypothesis, holds ? Verdict.Confirmed : Verdict.Refuted, evidence);

    public static HypothesisVerdict With(this Hypothesis hypothesis, Verdict verdict, string evidence) =>
        new(hypothesis.Id, hypothesis.Statement, verdict, evidence);
}
