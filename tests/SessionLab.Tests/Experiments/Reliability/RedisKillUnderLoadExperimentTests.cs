using SessionLab.Experiments.Framework.FaultsUnderLoad;
using SessionLab.Experiments.Reliability;
using SessionLab.Measurement.Load;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.Reliability;

public sealed class RedisKillUnderLoadExperimentTests
{
    private static readonly RedisKillUnderLoadExperiment Experiment = new();

    [Fact]
    public void Judge_Fast503s_Recovered_JwtClean_AllConfirmed()
    {
        var verdicts = RedisKillUnderLoadExperiment.Judge(Facts(Probes(503, 20, ms: 5))).ToList();

        Assert.Equal(["H1", "H2", "H3"], verdicts.Select(v => v.Id));
        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("20 probe requests while Redis was down got 503 ×20, P99 5.000 ms", verdicts[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("0.300 s after Redis answered PING again, the probe got 401", verdicts[1].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_SlowFailures_H1Refuted()
    {
        var verdicts = RedisKillUnderLoadExperiment.Judge(Facts([.. Probes(503, 50, ms: 5), .. Probes(503, 2, ms: 1500)])).ToList();

        Assert.Equal(Verdict.Refuted, verdicts[0].Verdict);
    }

    [Fact]
    public void Judge_TimeoutsWhileDown_H1Refuted()
    {
        var verdicts = RedisKillUnderLoadExperiment.Judge(Facts([.. Probes(503, 10, ms: 5), new ProbeSample(1.5, 0, null, "timeout", 2000)])).ToList();

        Assert.Equal(Verdict.Refuted, verdicts[0].Verdict);
        Assert.Contains("timeout ×1", verdicts[0].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_NoProbeWhileDown_NoRecovery_JwtErrors()
    {
        var facts = Facts([]) with { RecoveredAfterSeconds = null, FirstReplyAfterRecovery = null, JwtFailures = new Dictionary<string, long> { ["503"] = 4 } };

        var verdicts = RedisKillUnderLoadExperiment.Judge(facts).ToList();

        Assert.Equal([Verdict.Inconclusive, Verdict.Refuted, Verdict.Refuted], verdicts.Select(v => v.Verdict));
        Assert.Contains("4 of 900 JWT requests failed (503 ×4)", verdicts[2].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void DuringAndRecovery_WindowBetweenKillAndPing_First200Or401After()
    {
        ProbeSample[] probes = [new(0.5, 200, "server-1", null, 1), new(1.2, 503, "server-2", null, 1), new(2.0, 503, "server-1", null, 1), new(2.4, 503, "server-2", null, 1), new(2.6, 401, "server-3", null, 1)];

        Assert.Equal(2, RedisKillFacts.During(probes, 1.0, 2.2).Count);
        Assert.Equal((0.4, "401"), RedisKillFacts.Recovery(probes, 2.2));
        Assert.Equal((null, null), RedisKillFacts.Recovery(probes, 3.0));
    }

    private static ProbeSample[] Probes(int status, int count, double ms) =>
        [.. Enumerable.Range(0, count).Select(i => new ProbeSample(1 + (i * 0.05), status, "server-1", null, ms))];

    private static RedisKillFacts Facts(IReadOnlyList<ProbeSample> outage) =>
        new(1000, new Dictionary<string, long> { ["503"] = 400 }, new ThroughputTimeline([new(0, 100, 0), new(1, 100, 100), new(2, 100, 100), new(3, 100, 0)]), 1.0, 2.5, outage, 0.3, "401", 900, new Dictionary<string, long>());
}
