namespace SessionLab.Measurement.Statistics;

/// <summary>Reads a <see cref="LatencySummary"/> out of a histogram of <see cref="TimeSpan"/> ticks.</summary>
internal static class LatencySummaries
{
    // HdrHistogram's default: five points per halving of the distance to 100%, so the tail gets as many points as the body.
    private const int PointsPerHalfDistance = 5;

    public static LatencySummary From(LatencyHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.TotalCount == 0)
        {
            return LatencySummary.Empty;
        }

        return new LatencySummary(
            histogram.TotalCount,
            Ms(histogram.Min),
            histogram.Mean / TimeSpan.TicksPerMillisecond,
            Ms(histogram.Max),
            Ms(histogram.ValueAtPercentile(50)),
            Ms(histogram.ValueAtPercentile(90)),
            Ms(histogram.ValueAtPercentile(95)),
            Ms(histogram.ValueAtPercentile(99)),
            Ms(histogram.ValueAtPercentile(99.9)),
            histogram.ClampedCount,
            Distribution(histogram));
    }

    internal static List<PercentilePoint> Distribution(LatencyHistogram histogram)
    {
        var points = new List<PercentilePoint>();
        var percentile = 0.0;

        // Stop stepping once less than one request lies beyond the percentile: every further point would be the max.
        while ((100 - percentile) / 100 * histogram.TotalCount >= 1)
        {
            points.Add(new PercentilePoint(percentile, Ms(histogram.ValueAtPercentile(percentile))));
            var halvings = Math.Floor(Math.Log2(100 / (100 - percentile))) + 1;
            percentile += 100 / (Math.Pow(2, halvings) * PointsPerHalfDistance);
        }

        points.Add(new PercentilePoint(100, Ms(histogram.Max)));
        return points;
    }

    private static double Ms(long ticks) => (double)ticks / TimeSpan.TicksPerMillisecond;
}
