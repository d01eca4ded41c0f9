using SessionLab.Measurement.Statistics;

namespace SessionLab.Tests.Measurement.Statistics;

public sealed class LatencyHistogramTests
{
    private const long Highest = 600_000_000; // 60 s in ticks

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2047)]
    [InlineData(2048)]
    [InlineData(123_456)]
    [InlineData(59_999_999)]
    [InlineData(Highest)]
    public void IndexOf_AnyValue_FallsInASlotWithinAThousandth(long value)
    {
        var index = LatencyHistogram.IndexOf(value);
        var low = LatencyHistogram.ValueFromIndex(index);
        var high = LatencyHistogram.HighestEquivalentValue(value);

        Assert.InRange(value, low, high);
        Assert.True(high - low <= Math.Max(0, value / 1000.0), $"slot [{low}, {high}] too wide for {value}");
    }

    [Fact]
    public void IndexOf_SmallValues_AreExact()
    {
        for (var value = 0L; value < 2048; value++)
        {
            Assert.Equal(value, LatencyHistogram.ValueFromIndex(LatencyHistogram.IndexOf(value)));
        }
    }

    [Fact]
    public void ValueAtPercentile_OneToThousand_MatchesTheRanks()
    {
        var histogram = new LatencyHistogram(Highest);
        for (var value = 1L; value <= 1000; value++)
        {
            histogram.Record(value);
        }

        Assert.Equal(500, histogram.ValueAtPercentile(50));
        Assert.Equal(990, histogram.ValueAtPercentile(99));
        Assert.Equal(999, histogram.ValueAtPercentile(99.9));
        Assert.Equal(1, histogram.ValueAtPercentile(0));
        Assert.Equal(1000, histogram.ValueAtPercentile(100));
        Assert.Equal(500.5, histogram.Mean);
    }

    [Fact]
    public void ValueAtPercentile_LargeValues_StayWithinAThousandthAndInsideMinMax()
    {
        var histogram = new LatencyHistogram(Highest);
        histogram.Record(10_000_000);
        histogram.Record(10_000_001);

        var median = histogram.ValueAtPercentile(50);
        Assert.InRange(median, 10_000_000, 10_000_001);
        Assert.Equal(10_000_001, histogram.ValueAtPercentile(100));
    }

    [Fact]
    public void Record_AboveHighest_IsClampedAndCounted()
    {
        var histogram = new LatencyHistogram(Highest);
        histogram.Record(Highest * 10);
        histogram.Record(-5);

        Assert.Equal(2, histogram.TotalCount);
        Assert.Equal(1, histogram.ClampedCount);
        Assert.Equal(Highest, histogram.Max);
        Assert.Equal(0, histogram.Min);
    }

    [Fact]
    public void Add_TwoWorkers_EqualsOneHistogramOfEverything()
    {
        var all = new LatencyHistogram(Highest);
        var first = new LatencyHistogram(Highest);
        var second = new LatencyHistogram(Highest);
        for (var value = 1L; value <= 5000; value++)
        {
            all.Record(value * 37);
            (value % 2 == 0 ? first : second).Record(value * 37);
        }

        first.Add(second);

        Assert.Equal(all.TotalCount, first.TotalCount);
        Assert.Equal(all.Min, first.Min);
        Assert.Equal(all.Max, first.Max);
        Assert.Equal(all.Mean, first.Mean);
        foreach (var percentile in new[] { 0, 50, 90, 99, 99.9, 100 })
        {
            Assert.Equal(all.ValueAtPercentile(percentile), first.ValueAtPercentile(percentile));
        }
    }

    [Fact]
    public void Add_EmptyWorker_ChangesNothing()
    {
        var histogram = new LatencyHistogram(Highest);
        histogram.Record(42);
        histogram.Add(new LatencyHistogram(Highest));

        Assert.Equal(1, histogram.TotalCount);
        Assert.Equal(42, histogram.Min);
        Assert.Equal(42, histogram.Max);
    }
}
