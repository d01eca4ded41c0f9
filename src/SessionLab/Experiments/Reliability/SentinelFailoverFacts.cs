using System.Globalization;
using SessionLab.Experiments.Framework.FaultsUnderLoad;

namespace SessionLab.Experiments.Reliability;

/// <summary>
/// What 6.8 measured: failovers with asynchronous replication (the first, then <see cref="Repeats"/>), one with
/// <c>WAIT 1</c> after every login and revocation, and the calm latency of both kinds of write with and without it.
/// </summary>
internal sealed record SentinelFailoverFacts(
    string Settings,
    double DownAfterSeconds,
    FailoverPhase Asynchronous,
    FailoverPhase? Durable,
    WriteLatency? Latency)
{
    /// <summary>The further asynchronous failovers of the run (each after the group was healthy again): one failover is an anecdote.</summary>
    public IReadOnlyList<FailoverPhase> Repeats { get; init; } = [];

    /// <summary>Every failover with asynchronous replication, in order.</summary>
    public IReadOnlyList<FailoverPhase> AsynchronousFailovers => [Asynchronous, .. Repeats];
}

/// <summary>
/// One kill -9 of the primary under load. Times are seconds from the kill: when a Sentinel announced the new primary
/// (<c>+switch-master</c>), and per scheme what its readers (the probe) and writers (logins; revocations) saw.
/// </summary>
internal sealed record FailoverPhase(
    string Name,
    string Killed,
    double? AnnouncedAfterSeconds,
    string? Announcement,
    SchemeOutage RedisReads,
    SchemeOutage RedisWrites,
    SchemeOutage JwtReads,
    SchemeOutage JwtWrites,
    WriteCheck Sessions,
    WriteCheck Revocations,
    long ReadRequests,
    long ReadFailures)
{
    /// <summary>The longer of the scheme's read and write windows; null when either never recovered.</summary>
    public static double? Unavailable(SchemeOutage reads, SchemeOutage writes) =>
        reads.UnavailableSeconds is { } r && writes.UnavailableSeconds is { } w ? Math.Max(r, w) : null;

    /// <summary>"none", or "3 (acknowledged 0.012–0.001 s before the kill)".</summary>
    public static string Missing(WriteCheck check, long killedAt) =>
        check.Missing == 0
            ? "none"
            : string.Create(CultureInfo.InvariantCulture, $"{check.Missing} (acknowledged {Before(check.MissingAcknowledgedAt.Min(), killedAt):0.000}–{Before(check.MissingAcknowledgedAt.Max(), killedAt):0.000} s before the kill)");

    private static double Before(long at, long killedAt) => (killedAt - at) / (double)System.Diagnostics.Stopwatch.Frequency;
}

/// <summary>
/// One kind of request of one scheme through the failover (seconds from the kill): its first failure, the first success
/// after it (the window users saw), and how long after the Sentinels' announcement the first success came (the client
/// following the new primary).
/// </summary>
internal sealed record SchemeOutage(double? FirstFailureSeconds, double? RecoveredSeconds, double? FollowedAfterAnnouncementSeconds, int Failures)
{
    /// <summary>First failure to first success; 0 when nothing failed, null when it never recovered.</summary>
    public double? UnavailableSeconds => FirstFailureSeconds is not { } first ? 0 : RecoveredSeconds is { } back ? Math.Round(back - first, 3) : null;

    /// <summary>
    /// From events at seconds from the kill (<c>Ok</c>: a success; <c>Failed</c>: a failure; neither: e.g. a 401), and the
    /// announcement at <paramref name="announcedAt"/> seconds from the kill.
    /// </summary>
    public static SchemeOutage From(IEnumerable<(double At, bool Ok, bool Failed)> events, double? announcedAt)
    {
        var after = events.Where(e => e.At >= 0).OrderBy(e => e.At).ToList();
        var firstFailure = after.FirstOrDefault(e => e.Failed);
        var failed = after.Any(e => e.Failed);
        var recovered = failed ? after.FirstOrDefault(e => e.At > firstFailure.At && e.Ok) : default;
        var hasRecovered = failed && after.Any(e => e.At > firstFailure.At && e.Ok);
        var followed = announcedAt is { } announced && after.Any(e => e.At >= announced && e.Ok)
            ? Math.Round(after.First(e => e.At >= announced && e.Ok).At - announced, 3)
            : (double?)null;
        return new SchemeOutage(
            failed ? Math.Round(firstFailure.At, 3) : null,
            hasRecovered ? Math.Round(recovered.At, 3) : null,
            followed,
            after.Count(e => e.Failed));
    }

    /// <summary>The probe's samples (seconds from the load's start) as events from the kill at <paramref name="killAt"/>: 200 succeeds, 5xx or no reply fails.</summary>
    public static IEnumerable<(double At, bool Ok, bool Failed)> Events(IEnumerable<ProbeSample> probe, double killAt) =>
        probe.Select(p => (p.AtSeconds - killAt, p.Status == 200, p.IsFailoverError));

    /// <summary>The writers' acknowledgements and failures (<see cref="System.Diagnostics.Stopwatch"/> timestamps) as events from the kill at <paramref name="killed"/>.</summary>
    public static IEnumerable<(double At, bool Ok, bool Failed)> Events(WriteLog log, long killed) =>
        log.Acknowledged.Select(a => (Seconds(a.At, killed), true, false)).Concat(log.Failures.Select(f => (Seconds(f, killed), false, true)));

    private static double Seconds(long at, long killed) => (at - killed) / (double)System.Diagnostics.Stopwatch.Frequency;
}

/// <summary>
/// Calm write latency (ms) per kind, with and without <c>WAIT 1</c>: median and P99 of serial logins and revocations;
/// <c>WaitRefused</c> counts the WAIT backends' writes answered 503 (no replica acknowledged within the WAIT timeout).
/// </summary>
internal sealed record WriteLatency(double LoginP50Ms, double LoginP99Ms, double LoginWaitP50Ms, double LoginWaitP99Ms, double RevokeP50Ms, double RevokeP99Ms, double RevokeWaitP50Ms, double RevokeWaitP99Ms, int Samples, int WaitRefused = 0)
{
    /// <summary>Per round: the median login with WAIT 1 minus the median without, both from the same round (empty: not kept).</summary>
    public IReadOnlyList<double> LoginCostPerRoundMs { get; init; } = [];

    /// <summary>Per round: the median revocation with WAIT 1 minus the median without.</summary>
    public IReadOnlyList<double> RevokeCostPerRoundMs { get; init; } = [];

    public static double Percentile(IReadOnlyCollection<double> values, double quantile)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : Math.Round(sorted[Math.Max(0, (int)Math.Ceiling(quantile * sorted.Count) - 1)], 3);
    }
}
