using SessionLab.Measurement.Statistics;

namespace SessionLab.Tests.Measurement.Statistics;

public sealed class EstimateTests
{
    [Fact]
    public void OfMedian_FiveRounds_CentersOnTheMedianWithinTheRange()
    {
        var estimate = Estimate.OfMedian([100, 104, 98, 250, 101]);

        Assert.Equal(101, estimate.Value);
        Assert.InRange(estimate.Low, 98, 101);
        Assert.InRange(estimate.High, 101, 250);
        Assert.Equal([100, 104, 98, 250, 101], estimate.Rounds);
        Assert.Equal("bootstrap-median", estimate.Method);
    }

    [Fact]
    public void OfMedian_SameRounds_SameInterval()
    {
        double[] rounds = [5.1, 4.9, 5.3, 5.0, 5.2, 4.8];

        Assert.Equal(Estimate.OfMedian(rounds), Estimate.OfMedian(rounds), EstimateComparer.Instance);
    }

    [Fact]
    public void OfMedian_OneRound_HasNoInterval()
    {
        var estimate = Estimate.OfMedian([42]);

        Assert.False(estimate.HasInterval);
        Assert.Equal(double.PositiveInfinity, estimate.RelativeHalfWidth);
    }

    [Fact]
    public void OfMedian_EvenCount_AveragesTheMiddlePair() =>
        Assert.Equal(2.5, Estimate.OfMedian([1, 2, 3, 4]).Value);

    [Fact]
    public void OfPairedRatio_ConstantRatioDespiteDrift_IsTight()
    {
        // The machine drifts (round 3 is twice as loaded) but the scheme is always 0.8 of its ceiling.
        double[] ceiling = [1000, 1100, 500, 1050, 980];
        var scheme = ceiling.Select(c => c * 0.8).ToArray();

        var ratio = Estimate.OfPairedRatio(scheme, ceiling)!;

        Assert.Equal(0.8, ratio.Value, 6);
        Assert.Equal(0.8, ratio.Low, 6);
        Assert.Equal(0.8, ratio.High, 6);
        Assert.Equal("t-log-ratio", ratio.Method);
    }

    [Fact]
    public void OfPairedRatio_NoisyRatios_IntervalCoversThemAndUsesStudentT()
    {
        double[] a = [90, 110, 100];
        double[] b = [100, 100, 100];

        var ratio = Estimate.OfPairedRatio(a, b)!;
        var logs = new[] { Math.Log(0.9), Math.Log(1.1), Math.Log(1.0) };
        var mean = logs.Average();
        var sd = Math.Sqrt(logs.Sum(l => (l - mean) * (l - mean)) / 2);

        Assert.Equal(Math.Exp(mean + (4.303 * sd / Math.Sqrt(3))), ratio.High, 9);
        Assert.True(ratio.Low < 0.9 && ratio.High > 1.1);
    }

    [Fact]
    public void OfPairedRatio_SkipsRoundsWithoutAFigure()
    {
        var ratio = Estimate.OfPairedRatio([0, 50, 60], [100, 100, 100])!;

        Assert.Equal(2, ratio.Rounds.Count);
    }

    [Fact]
    public void OfPairedRatio_NothingMeasured_IsNull() =>
        Assert.Null(Estimate.OfPairedRatio([0, 0], [100, 100]));

    [Theory]
    [InlineData(1, 12.706)]
    [InlineData(4, 2.776)]
    [InlineData(30, 2.042)]
    public void StudentT_Quantile975_MatchesTheTable(int df, double expected) =>
        Assert.Equal(expected, StudentT.Quantile975(df));

    [Fact]
    public void StudentT_Quantile975_LargeSamples_ApproachTheNormal() =>
        Assert.InRange(StudentT.Quantile975(1000), 1.96, 1.965);

    private sealed class EstimateComparer : IEqualityComparer<Estimate>
    {
        public static EstimateComparer Instance { get; } = new();

        public bool Equals(Estimate? x, Estimate? y) => x is not null && y is not null && x.Value == y.Value && x.Low == y.Low && x.High == y.High;

        public int GetHashCode(Estimate obj) => obj.Value.GetHashCode();
    }
}
