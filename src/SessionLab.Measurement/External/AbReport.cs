using SessionLab.Measurement.Statistics;

namespace SessionLab.Measurement.External;

/// <summary>What ApacheBench printed.</summary>
/// <param name="Concurrency">"Concurrency Level".</param>
/// <param name="TimeTakenSeconds">"Time taken for tests".</param>
/// <param name="CompleteRequests">"Complete requests".</param>
/// <param name="FailedRequests">
/// "Failed requests". ab counts a 2xx whose length differs from the first response as failed too (Length) unless run
/// with <c>-l</c>; see <see cref="FailedBreakdown"/>.
/// </param>
/// <param name="FailedBreakdown">The "(Connect, Receive, Length, Exceptions)" line, when printed.</param>
/// <param name="Non2xxResponses">"Non-2xx responses"; 0 when not printed.</param>
/// <param name="KeepAliveRequests">"Keep-Alive requests", when run with <c>-k</c>.</param>
/// <param name="RequestsPerSecond">"Requests per second" (every completed request, failed ones included).</param>
/// <param name="MeanTimePerRequestMs">"Time per request … (mean)": the latency one client sees.</param>
/// <param name="MeanTimePerRequestAcrossConcurrentMs">"Time per request … (mean, across all concurrent requests)".</param>
/// <param name="Percentiles">"Percentage of the requests served within a certain time": 50 … 100%, whole milliseconds.</param>
public sealed record AbReport(
    int Concurrency,
    double TimeTakenSeconds,
    long CompleteRequests,
    long FailedRequests,
    AbFailedBreakdown? FailedBreakdown,
    long Non2xxResponses,
    long? KeepAliveRequests,
    double RequestsPerSecond,
    double MeanTimePerRequestMs,
    double MeanTimePerRequestAcrossConcurrentMs,
    IReadOnlyList<PercentilePoint> Percentiles)
{
    /// <summary>The time ab printed for <paramref name="percentile"/> (50, 66, 75, 80, 90, 95, 98, 99, 100), or null.</summary>
    public double? LatencyAt(double percentile) =>
        Percentiles.FirstOrDefault(point => point.Percentile.Equals(percentile))?.ValueMs;
}

/// <summary>Why ab counted requests as failed.</summary>
/// <param name="Connect">Could not connect.</param>
/// <param name="Receive">Error while receiving.</param>
/// <param name="Length">Body length differed from the first response's.</param>
/// <param name="Exceptions">Other errors.</param>
public sealed record AbFailedBreakdown(long Connect, long Receive, long Length, long Exceptions);
