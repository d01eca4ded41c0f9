using System.Globalization;
using SessionLab.Experiments.Framework.FaultsUnderLoad;
using SessionLab.Measurement.Load;

namespace SessionLab.Experiments.Reliability;

/// <summary>
/// What 6.2 measured: the redis scheme's load and probe around the outage (Redis killed at <see cref="DownAtSeconds"/>,
/// answering again at <see cref="BackAtSeconds"/>, both from the load's start) and the JWT load beside it.
/// </summary>
internal sealed record RedisKillFacts(
    long RedisRequests,
    IReadOnlyDictionary<string, long> RedisFailures,
    ThroughputTimeline RedisTimeline,
    double DownAtSeconds,
    double BackAtSeconds,
    IReadOnlyList<ProbeSample> OutageProbes,
    double? RecoveredAfterSeconds,
    string? FirstReplyAfterRecovery,
    long JwtRequests,
    IReadOnlyDictionary<string, long> JwtFailures)
{
    /// <summary>The redis scheme's run and the JWT load as measured, for the table and the charts.</summary>
    public FaultRun? Run { get; init; }

    /// <inheritdoc cref="Run"/>
    public LoadResult? JwtLoad { get; init; }


    /// <summary>Nearest-rank P99 of the probe requests answered (or failed) while Redis was down; null when there were none.</summary>
    public double? OutageP99Ms => Percentile(OutageProbes.Select(p => p.ElapsedMs), 0.99);

    public double? OutageMaxMs => OutageProbes.Count == 0 ? null : OutageProbes.Max(p => p.ElapsedMs);

    /// <summary>"503 ×20, timeout ×1".</summary>
    public string OutageReplies => OutageProbes.Count == 0
        ? "none"
        : string.Join(", ", OutageProbes.GroupBy(p => p.Status == 0 ? p.Failure ?? "no reply" : p.Status.ToString(CultureInfo.InvariantCulture)).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ×{g.Count().ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>The probes that completed between Redis being killed and Redis answering again.</summary>
    public static IReadOnlyList<ProbeSample> During(IEnumerable<ProbeSample> probes, double downAt, double backAt) =>
        [.. probes.Where(p => p.AtSeconds > downAt && p.AtSeconds <= backAt)];

    /// <summary>Seconds from Redis answering again to the first probe a backend answered from the store (200, or 401 for a session lost with the restart), and that reply.</summary>
    public static (double? After, string? Reply) Recovery(IEnumerable<ProbeSample> probes, double backAt) =>
        probes.FirstOrDefault(p => p.AtSeconds > backAt && p.Status is 200 or 401) is { } first
            ? (Math.Round(first.AtSeconds - backAt, 3), first.Status.ToString(CultureInfo.InvariantCulture))
            : (null, null);

    private static double? Percentile(IEnumerable<double> values, double quantile)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(quantile * sorted.Count) - 1)];
    }
}
