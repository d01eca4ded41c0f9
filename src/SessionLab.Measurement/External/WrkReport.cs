using SessionLab.Measurement.Statistics;

namespace SessionLab.Measurement.External;

/// <summary>What wrk printed with <c>--latency</c>.</summary>
/// <param name="RequestsPerSecond">"Requests/sec": every completed response, whatever its status.</param>
/// <param name="Requests">"N requests in …".</param>
/// <param name="DurationSeconds">"… in 1.02s".</param>
/// <param name="LatencyMeanMs">Thread stats "Latency" average.</param>
/// <param name="LatencyStdevMs">Thread stats "Latency" standard deviation.</param>
/// <param name="LatencyMaxMs">Thread stats "Latency" maximum.</param>
/// <param name="LatencyPercentiles">"Latency Distribution": 50, 75, 90 and 99%.</param>
/// <param name="Non2xxResponses">"Non-2xx or 3xx responses" (wrk counts statuses of 400 and above); 0 when not printed.</param>
/// <param name="SocketErrors">"Socket errors"; all zero when not printed.</param>
public sealed record WrkReport(
    double RequestsPerSecond,
    long Requests,
    double DurationSeconds,
    double LatencyMeanMs,
    double LatencyStdevMs,
    double LatencyMaxMs,
    IReadOnlyList<PercentilePoint> LatencyPercentiles,
    long Non2xxResponses,
    WrkSocketErrors SocketErrors)
{
    /// <summary>The latency wrk printed for <paramref name="percentile"/> (50, 75, 90, 99), or null.</summary>
    public double? LatencyAt(double percentile) =>
        LatencyPercentiles.FirstOrDefault(point => point.Percentile.Equals(percentile))?.ValueMs;
}

/// <summary>wrk's socket error counters.</summary>
/// <param name="Connect">Failed connects (e.g. refused).</param>
/// <param name="Read">Read errors (e.g. reset).</param>
/// <param name="Write">Write errors.</param>
/// <param name="Timeout">Requests with no response within wrk's <c>--timeout</c> (default 2 s).</param>
public sealed record WrkSocketErrors(long Connect, long Read, long Write, long Timeout)
{
    /// <summary>All socket errors.</summary>
    public long Total => Connect + Read + Write + Timeout;
}
