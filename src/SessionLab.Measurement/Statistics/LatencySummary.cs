namespace SessionLab.Measurement.Statistics;

/// <summary>
/// Latency of a run in milliseconds, read from an HDR histogram (three significant digits; min, max and mean exact),
/// with the full percentile distribution as data points for charts.
/// </summary>
/// <param name="Count">Requests measured.</param>
/// <param name="MinMs">Fastest.</param>
/// <param name="MeanMs">Arithmetic mean.</param>
/// <param name="MaxMs">Slowest.</param>
/// <param name="P50Ms">Median.</param>
/// <param name="P90Ms">90th percentile.</param>
/// <param name="P95Ms">95th percentile.</param>
/// <param name="P99Ms">99th percentile.</param>
/// <param name="P999Ms">99.9th percentile.</param>
/// <param name="ClampedCount">Values above the histogram's highest trackable latency, counted as that latency.</param>
/// <param name="Distribution">Percentile → latency, denser towards the tail (as HdrHistogram's percentile output).</param>
public sealed record LatencySummary(
    long Count,
    double MinMs,
    double MeanMs,
    double MaxMs,
    double P50Ms,
    double P90Ms,
    double P95Ms,
    double P99Ms,
    double P999Ms,
    long ClampedCount,
    IReadOnlyList<PercentilePoint> Distribution)
{
    /// <summary>No request measured.</summary>
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, []);
}
