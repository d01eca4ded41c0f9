using SessionLab.Measurement.Statistics;
using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.Framework.Load;

/// <summary>
/// Judges a claimed ordering of targets only beyond the noise of the run: confirmed when every claimed pair separates
/// the claimed way, refuted when any pair separates the other way, otherwise inconclusive "within noise (±x %)".
/// </summary>
internal static class OrderingJudgement
{
    /// <summary>
    /// <paramref name="claims"/> lists (larger, smaller) pairs of target names in <paramref name="series"/>;
    /// <paramref name="figure"/> names the figure in the evidence ("P50", "QPS"), <paramref name="display"/> a target.
    /// </summary>
    public static HypothesisVerdict Judge(Hypothesis hypothesis, RoundSeries series, IReadOnlyList<(string Larger, string Smaller)> claims, string figure, Func<Estimate, string> format, Func<string, string> display)
    {
        var names = claims.SelectMany(c => new[] { c.Larger, c.Smaller }).Distinct(StringComparer.Ordinal).ToList();
        var missing = names.Where(n => series.Of(n) is null).ToList();
        if (missing.Count > 0)
        {
            return hypothesis.Inconclusive($"Not measured: {string.Join(", ", missing.Select(display))}.");
        }

        var figures = string.Join(", ", names.Select(n => $"{display(n)} {format(series.Of(n)!)}"));
        var pairs = claims.Select(c => (Claim: c, Result: series.Compare(c.Larger, c.Smaller))).ToList();
        var detail = string.Join("; ", pairs.Select(p => $"{display(p.Claim.Larger)} / {display(p.Claim.Smaller)} = {(p.Result.Ratio is { } r ? EstimateText.Ratio(r) : "n/a")} {Describe(p.Result.Separation, p.Result.Ratio)}"));
        var verdict = pairs.Any(p => p.Result.Separation == Separation.SecondLarger) ? Verdict.Refuted
            : pairs.All(p => p.Result.Separation == Separation.FirstLarger) ? Verdict.Confirmed
            : Verdict.Inconclusive;
        // One interpolated sentence, so the report keeps its template and can word it in the plan's language.
        return hypothesis.With(verdict, $"{figure} (median of rounds, 95 % interval): {figures}. Paired per round: {detail}.");
    }

    private static string Describe(Separation separation, Estimate? ratio) => separation switch
    {
        Separation.FirstLarger => "(beyond noise, as claimed)",
        Separation.SecondLarger => "(beyond noise, the reverse)",
        Separation.WithinNoise => $"(within noise, {(ratio is null ? "no interval" : EstimateText.Noise(ratio))})",
        _ => "(too few rounds to tell)",
    };
}
