using SessionLab.Measurement.Statistics;

namespace SessionLab.Tests.Measurement.Statistics;

public sealed class LatencySummariesTests
{
    [Fact]
    public void From_Empty_IsTheEmptySummary() =>
        Assert.Same(LatencySummary.Empty, LatencySummaries.From(new LatencyHistogram(600_000_000)));

    [Fact]
    public void From_MillisecondsOneToHundred_ReadsInMilliseconds()
    {
        var histogram = new LatencyHistogram(600_000_000);
        for (var ms = 1; ms <= 100; ms++)
        {
            histogram.Record(TimeSpan.FromMilliseconds(ms).Ticks);
        }

        var summary = LatencySummaries.From(histogram);

        Assert.Equal(100, summary.Count);
        Assert.Equal(1, summary.MinMs);
        Assert.Equal(100, summary.MaxMs);
        Assert.Equal(50.5, summary.MeanMs, 6);
        Assert.Equal(50, summary.P50Ms, 0.05);
        Assert.Equal(99, summary.P99Ms, 0.1);
        Assert.Equal(100, summary.P999Ms, 0.1);
    }

    [Fact]
    public void Distribution_IsMonotonicDenserInTheTailAndEndsAtTheMax()
    {
        var histogram = new LatencyHistogram(600_000_000);
        for (var i = 1; i <= 10_000; i++)
        {
            histogram.Record(i * 100L);
        }

        var points = LatencySummaries.Distribution(histogram);

        Assert.Equal(0, points[0].Percentile);
        Assert.Equal(new PercentilePoint(100, histogram.Max / 10_000.0), points[^1]);
        for (var i = 1; i < points.Count; i++)
        {
            Assert.True(points[i].Percentile > points[i - 1].Percentile);
            Assert.True(points[i].ValueMs >= points[i - 1].ValueMs);
        }

        Assert.True(points.Count(p => p.Percentile >= 99) >= 15, "the tail past 99% should have many points");
    }
}
