using SessionLab.Experiments.Reliability;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.Reliability;

public sealed class SlowStoreExperimentTests
{
    private static readonly SlowStoreExperiment Experiment = new();

    [Fact]
    public void Judge_DelayPassesThrough_NoErrors_Clean503s_ControlFlat_AllConfirmed()
    {
        var verdicts = SlowStoreExperiment.Judge(Steps(), Timeouts(503, 1004)).ToList();

        Assert.Equal(["H1", "H2", "H3", "H4"], verdicts.Select(v => v.Id));
        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("redis +10 ms → median +10.00 ms", verdicts[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("QPS redis 5000 → 2000 → 700 → 75", verdicts[1].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_TwoRoundTripsPerRequest_H1Refuted()
    {
        var steps = Steps().Select(s => s.Target == "redis" && s.Delay.TotalMilliseconds == 100 ? s with { MedianMs = 200.4 } : s).ToList();

        var verdict = SlowStoreExperiment.Judge(steps, Timeouts(503, 1004)).First();

        Assert.Equal(Verdict.Refuted, verdict.Verdict);
        Assert.Contains("redis +100 ms → median +200.00 ms (outside)", verdict.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_FailuresUnderDelay_H2Refuted()
    {
        var steps = Steps().Select(s => s.Target == "jwt + blacklist" && s.Delay.TotalMilliseconds == 100 ? s with { Failures = 3, FailuresByKind = new Dictionary<string, long> { ["timeout"] = 3 } } : s).ToList();

        var verdicts = SlowStoreExperiment.Judge(steps, Timeouts(503, 1004)).ToList();

        Assert.Equal(Verdict.Refuted, verdicts[1].Verdict);
        Assert.Contains("jwt + blacklist at +100 ms: timeout ×3", verdicts[1].Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(200, 1500)] // the store's late reply got through
    [InlineData(503, 2000)] // refused, but only on the client library's heartbeat
    [InlineData(0, 10000)] // hung
    [InlineData(500, 900)] // an unhandled error
    public void Judge_NotACleanFastRefusal_H3Refuted(int status, double ms)
    {
        var verdicts = SlowStoreExperiment.Judge(Steps(), [.. Timeouts(503, 1004), new TimeoutProbe("redis", status, ms)]).ToList();

        Assert.Equal(Verdict.Refuted, verdicts[2].Verdict);
    }

    [Fact]
    public void Judge_ControlSlowedByTheStore_H4Refuted()
    {
        var steps = Steps().Select(s => s.Target == "jwt, no revocation" && s.Delay.TotalMilliseconds == 100 ? s with { MedianMs = 100.3 } : s).ToList();

        Assert.Equal(Verdict.Refuted, SlowStoreExperiment.Judge(steps, Timeouts(503, 1004)).Last().Verdict);
    }

    [Fact]
    public void Judge_NothingMeasured_Inconclusive()
    {
        Assert.All(SlowStoreExperiment.Judge([], []), v => Assert.Equal(Verdict.Inconclusive, v.Verdict));
    }

    private static List<SlowStoreStep> Steps()
    {
        var steps = new List<SlowStoreStep>();
        double[] delays = [0, 1, 10, 100];
        double[] qps = [5000, 2000, 700, 75];
        for (var i = 0; i < delays.Length; i++)
        {
            steps.Add(Step("redis", delays[i], 0.4 + delays[i], qps[i]));
            steps.Add(Step("jwt + blacklist", delays[i], 0.5 + delays[i], qps[i]));
            steps.Add(Step("jwt, no revocation", delays[i], 0.3, 9000));
        }

        return steps;
    }

    private static SlowStoreStep Step(string target, double delayMs, double medianMs, double qps) =>
        new(target, TimeSpan.FromMilliseconds(delayMs), medianMs, medianMs * 2, 0, qps, 0, new Dictionary<string, long>());

    private static TimeoutProbe[] Timeouts(int status, double ms) =>
        [new("redis", status, ms), new("jwt + blacklist", status, ms), new("jwt, no revocation", 200, 0.5)];
}
