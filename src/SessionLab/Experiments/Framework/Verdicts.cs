using System.Runtime.CompilerServices;
using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.Framework;

/// <summary>
/// A hypothesis's verdict in one call: <c>h1.Confirmed("…")</c>, <c>h2.Holds(ok, "…")</c>. An interpolated evidence
/// string binds to the <see cref="EvidenceText"/> overloads, which keep its template for the report's translations; a
/// finished string is recorded as it is.
/// </summary>
internal static class Verdicts
{
    public static HypothesisVerdict Confirmed(this Hypothesis hypothesis, string evidence) => With(hypothesis, Verdict.Confirmed, evidence);

    public static HypothesisVerdict Confirmed(this Hypothesis hypothesis, EvidenceText evidence) => evidence.Verdict(hypothesis, Verdict.Confirmed);

    public static HypothesisVerdict Refuted(this Hypothesis hypothesis, string evidence) => With(hypothesis, Verdict.Refuted, evidence);

    public static HypothesisVerdict Refuted(this Hypothesis hypothesis, EvidenceText evidence) => evidence.Verdict(hypothesis, Verdict.Refuted);

    public static HypothesisVerdict Inconclusive(this Hypothesis hypothesis, string evidence) => With(hypothesis, Verdict.Inconclusive, evidence);

    public static HypothesisVerdict Inconclusive(this Hypothesis hypothesis, EvidenceText evidence) => evidence.Verdict(hypothesis, Verdict.Inconclusive);

    /// <summary>Confirmed when <paramref name="holds"/>, refuted otherwise.</summary>
    public static HypothesisVerdict Holds(this Hypothesis hypothesis, bool holds, string evidence) =>
        With(hypothesis, holds ? Verdict.Confirmed : Verdict.Refuted, evidence);

    /// <summary>Confirmed when <paramref name="holds"/>, refuted otherwise; the evidence keeps its template.</summary>
    public static HypothesisVerdict Holds(this Hypothesis hypothesis, bool holds, EvidenceText evidence) =>
        evidence.Verdict(hypothesis, holds ? Verdict.Confirmed : Verdict.Refuted);

    public static HypothesisVerdict With(this Hypothesis hypothesis, Verdict verdict, string evidence) =>
        new(hypothesis.Id, hypothesis.Statement, verdict, evidence);

    public static HypothesisVerdict With(this Hypothesis hypothesis, Verdict verdict, EvidenceText evidence) => evidence.Verdict(hypothesis, verdict);

    /// <summary>The verdict with more evidence appended (values formatted with <paramref name="provider"/>), its template kept whole.</summary>
    /// <param name="verdict">The verdict to extend.</param>
    /// <param name="provider">The culture the appended values are formatted in.</param>
    /// <param name="more">The sentence to append, interpolated.</param>
    public static HypothesisVerdict Extend(this HypothesisVerdict verdict, IFormatProvider? provider, [InterpolatedStringHandlerArgument("verdict", "provider")] EvidenceText more) =>
        more.AppendTo(verdict);
}
