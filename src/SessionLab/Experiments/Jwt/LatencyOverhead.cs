using System.Globalization;

namespace SessionLab.Experiments.Jwt;

/// <summary>
/// Latencies of a plain endpoint and of the same endpoint with an extra check, measured in alternating rounds so that
/// drift (warm-up, GC, a neighbour's load) hits both alike; the overhead is reported pooled and per round (its spread).
/// </summary>
internal sealed record LatencyOverhead(string Path, IReadOnlyList<OverheadRound> Rounds, int Failures)
{
    public IReadOnlyList<double> PlainMs => [.. Rounds.SelectMany(r => r.PlainMs)];

    public IReadOnlyList<double> CheckedMs => [.. Rounds.SelectMany(r => r.CheckedMs)];

    public bool HasSamples => Rounds.Count > 0 && Rounds.All(r => r.PlainMs.Count > 0 && r.CheckedMs.Count > 0);

    /// <summary>(median checked / median plain − 1) in %, over all rounds together.</summary>
    public double MedianOverheadPercent => Percent(LatencyStats.Median(CheckedMs), LatencyStats.Median(PlainMs));

    public double MeanOverheadPercent => Percent(LatencyStats.Mean(CheckedMs), LatencyStats.Mean(PlainMs));

    /// <summary>The smallest and largest per-round median overhead: how much one round's figure can be trusted.</summary>
    public (double Min, double Max) RoundSpread =>
        Rounds.Count == 0 ? (double.NaN, double.NaN) : (Rounds.Min(r => r.MedianOverheadPercent), Rounds.Max(r => r.MedianOverheadPercent));

    internal static double Percent(double value, double baseline) => baseline > 0 ? (value / baseline - 1) * 100 : double.NaN;

    internal static string FormatPercent(double percent) => double.IsNaN(percent) ? "n/a" : percent.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " %";
}

/// <summary>One round: the plain and the checked latencies (ms) of successful requests, sent alternately.</summary>
internal sealed record OverheadRound(IReadOnlyList<double> PlainMs, IReadOnlyList<double> CheckedMs)
{
    public double MedianOverheadPercent => LatencyOverhead.Percent(LatencyStats.Median(CheckedMs), LatencyStats.Median(PlainMs));
}
