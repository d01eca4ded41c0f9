using SessionLab.Measurement.Statistics;

namespace SessionLab.Measurement.Load;

/// <summary>
/// What a load run measured (warm-up excluded). A request succeeds on a 2xx status; latencies cover every request
/// that got a response, whatever its status (as ab and wrk count them), while transport failures have no latency.
/// </summary>
/// <param name="Configuration">The settings that produced it.</param>
/// <param name="TotalRequests">Requests completed in the measured phase, failed ones included.</param>
/// <param name="Successes">Requests answered with a 2xx status.</param>
/// <param name="FailuresByKind">Failures by <see cref="ErrorKinds"/> (a status like <c>"503"</c>, or <c>"timeout"</c>…), most frequent first.</param>
/// <param name="DurationSeconds">Wall-clock time of the measured phase.</param>
/// <param name="SuccessesPerSecond">Successes / duration: the QPS to report.</param>
/// <param name="RequestsPerSecond">All requests / duration.</param>
/// <param name="Latency">
/// Closed loop: from send to the last byte of the body. Open loop: from the request's <em>intended</em> send time
/// (no coordinated omission), so it includes any time the request waited because the server fell behind.
/// </param>
/// <param name="ServiceTime">Open loop only: from the actual send to the last byte (the server's view); null in a closed loop.</param>
/// <param name="Timeline">Completions and errors per second.</param>
public sealed record LoadResult(
    LoadConfiguration Configuration,
    long TotalRequests,
    long Successes,
    IReadOnlyDictionary<string, long> FailuresByKind,
    double DurationSeconds,
    double SuccessesPerSecond,
    double RequestsPerSecond,
    LatencySummary Latency,
    LatencySummary? ServiceTime,
    ThroughputTimeline Timeline)
{
    /// <summary>Requests that did not get a 2xx answer.</summary>
    public long Failures => TotalRequests - Successes;
}
