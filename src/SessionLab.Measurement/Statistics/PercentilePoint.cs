namespace SessionLab.Measurement.Statistics;

/// <summary>One point of a latency distribution: <paramref name="Percentile"/>% of requests took at most <paramref name="ValueMs"/>.</summary>
/// <param name="Percentile">0 to 100.</param>
/// <param name="ValueMs">Latency in milliseconds.</param>
public sealed record PercentilePoint(double Percentile, double ValueMs);
