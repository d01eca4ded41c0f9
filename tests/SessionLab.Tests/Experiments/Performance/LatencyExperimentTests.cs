using SessionLab.Experiments.Framework.Load;
using SessionLab.Experiments.Performance;
using SessionLab.Measurement.Statistics;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.Performance;

public sealed class LatencyExperimentTests
{

    [Fact]
    public void Judge_PlansOrderBeyondNoise_ConfirmsAllAndNamesTheRoundTrip()
    {
        var verdicts = LatencyExperiment.Judge(Facts(sticky: [0.20, 0.21, 0.19], jwt: [0.30, 0.31, 0.29], redis: [0.50, 0.52, 0.49], ping: 0.05)).ToList();

        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("Redis − sticky = 0.300", verdicts[2].Evidence, StringComparison.Ordinal);
        Assert.Contains("0.050 ms", verdicts[2].Evidence, StringComparison.Ordinal); // PING
    }

    [Fact]
    public void Judge_JwtSlowestOfAllBeyondNoise_RefutesH2AndH3()
    {
        var verdicts = LatencyExperiment.Judge(Facts(sticky: [0.20, 0.21, 0.19], jwt: [0.90, 0.95, 0.88], redis: [0.50, 0.52, 0.49], ping: 0.05)).ToDictionary(v => v.Id);

        Assert.Equal(Verdict.Confirmed, verdicts["H1"].Verdict);
        Assert.Equal(Verdict.Refuted, verdicts["H2"].Verdict);
        Assert.Equal(Verdict.Refuted, verdicts["H3"].Verdict);
    }

    [Fact]
    public void Judge_JwtAndRedisWithinNoise_IsInconclusiveNotAFlip()
    {
        // JWT and Redis swap places from round to round: no ordering between them is claimed either way.
        var verdicts = LatencyExperiment.Judge(Facts(sticky: [0.20, 0.21, 0.19, 0.20, 0.20], jwt: [0.50, 0.47, 0.52, 0.49, 0.51], redis: [0.49, 0.51, 0.48, 0.52, 0.50], ping: 0.05)).ToDictionary(v => v.Id);

        Assert.Equal(Verdict.Confirmed, verdicts["H1"].Verdict);
        Assert.Equal(Verdict.Inconclusive, verdicts["H2"].Verdict);
        Assert.Contains("within noise", verdicts["H2"].Evidence, StringComparison.Ordinal);
        Assert.Equal(Verdict.Inconclusive, verdicts["H3"].Verdict);
    }

    [Fact]
    public void Judge_SchemeNotMeasured_IsInconclusive() =>
        Assert.All(LatencyExperiment.Judge(Facts(sticky: [0.2, 0.2], jwt: [], redis: [0.5, 0.5], ping: null)), v => Assert.Equal(Verdict.Inconclusive, v.Verdict));

    [Fact]
    public void RedisMinusSticky_IsPairedPerRound()
    {
        var gap = Facts(sticky: [0.2, 0.4, 0.3], jwt: [], redis: [0.5, 0.7, 0.6], ping: 0.1).RedisMinusSticky()!;

        Assert.Equal(0.3, gap.Value, 9);
        Assert.Equal(0.3, gap.Low, 9);
        Assert.Equal(0.3, gap.High, 9);
    }

    private static LatencyFacts Facts(double[] sticky, double[] jwt, double[] redis, double? ping)
    {
        var series = new RoundSeries(new Dictionary<string, IReadOnlyList<double?>>
        {
            [TargetNames.Sticky] = [.. sticky.Select(v => (double?)v)],
            [TargetNames.Jwt] = [.. jwt.Select(v => (double?)v)],
            [TargetNames.Redis] = [.. redis.Select(v => (double?)v)],
        });
        return new LatencyFacts(series, series, ping is { } p ? Estimate.OfMedian([p, p, p]) : null, [TargetNames.Sticky, TargetNames.Jwt, TargetNames.Redis], "400 requests");
    }
}
