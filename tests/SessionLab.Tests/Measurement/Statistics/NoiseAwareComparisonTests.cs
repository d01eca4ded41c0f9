using SessionLab.Measurement.Statistics;

namespace SessionLab.Tests.Measurement.Statistics;

public sealed class NoiseAwareComparisonTests
{
    [Fact]
    public void Compare_SeparateIntervals_FirstLarger()
    {
        var (separation, _) = NoiseAwareComparison.Compare(Estimate.OfMedian([200, 205, 198, 202, 201]), Estimate.OfMedian([100, 104, 99, 101, 102]));

        Assert.Equal(Separation.FirstLarger, separation);
    }

    [Fact]
    public void Compare_OverlappingButSteadyPairedDifference_IsBeyondNoise()
    {
        // Both figures drift over rounds so their intervals overlap, but the second is 5 % below the first in every round.
        double[] first = [100, 140, 120, 90, 160];
        var second = first.Select(v => v * 0.95).ToArray();

        var (separation, ratio) = NoiseAwareComparison.Compare(Estimate.OfMedian(first), Estimate.OfMedian(second));

        Assert.Equal(Separation.FirstLarger, separation);
        Assert.Equal(1 / 0.95, ratio!.Value, 6);
    }

    [Fact]
    public void Compare_Reversed_SecondLarger()
    {
        var (separation, _) = NoiseAwareComparison.Compare(Estimate.OfMedian([1.0, 1.1, 1.05]), Estimate.OfMedian([2.0, 2.2, 2.1]));

        Assert.Equal(Separation.SecondLarger, separation);
    }

    [Fact]
    public void Compare_DifferenceThatFlipsBetweenRounds_IsWithinNoise()
    {
        var (separation, ratio) = NoiseAwareComparison.Compare(Estimate.OfMedian([100, 95, 104, 98, 102]), Estimate.OfMedian([97, 101, 99, 103, 96]));

        Assert.Equal(Separation.WithinNoise, separation);
        Assert.True(ratio!.Low < 1 && ratio.High > 1);
    }

    [Fact]
    public void Compare_OneRound_IsUnknown()
    {
        var (separation, _) = NoiseAwareComparison.Compare(Estimate.OfMedian([2]), Estimate.OfMedian([1]));

        Assert.Equal(Separation.Unknown, separation);
    }

    [Theory]
    [InlineData(0.96, 0.97, 0.95, true)]
    [InlineData(0.90, 0.94, 0.95, false)]
    [InlineData(0.93, 0.97, 0.95, null)]
    public void MeetsAtLeast_JudgesOnlyBeyondTheInterval(double low, double high, double goal, bool? expected) =>
        Assert.Equal(expected, NoiseAwareComparison.MeetsAtLeast(new Estimate((low + high) / 2, low, high, "t-log-ratio", [low, high]), goal));
}
