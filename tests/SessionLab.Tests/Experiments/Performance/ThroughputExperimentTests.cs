using SessionLab.Experiments.Framework.Load;
using SessionLab.Experiments.Performance;
using SessionLab.Measurement.Statistics;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.Performance;

public sealed class ThroughputExperimentTests
{

    [Fact]
    public void Judge_PlansOrderBeyondNoise_ConfirmsAll()
    {
        var facts = Facts((TargetNames.Sticky, [5000, 5100, 4900]), (TargetNames.Jwt, [4500, 4550, 4450]), (TargetNames.Redis, [4000, 4050, 3950]));

        Assert.All(ThroughputExperiment.Judge(facts), v => Assert.Equal(Verdict.Confirmed, v.Verdict));
    }

    [Fact]
    public void Judge_RedisFasterThanJwt_RefutesH2AndH3WithTheFigures()
    {
        var verdicts = ThroughputExperiment.Judge(Facts((TargetNames.Sticky, [5000, 5000, 5000]), (TargetNames.Jwt, [3000, 3100, 2900]), (TargetNames.Redis, [4000, 4000, 4000]))).ToDictionary(v => v.Id);

        Assert.Equal(Verdict.Refuted, verdicts["H2"].Verdict);
        Assert.Equal(Verdict.Refuted, verdicts["H3"].Verdict);
        Assert.Contains("redis 4000", verdicts["H3"].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_OrderThatFlipsBetweenRounds_IsInconclusive()
    {
        var verdicts = ThroughputExperiment.Judge(Facts((TargetNames.Sticky, [5000, 4000, 4600]), (TargetNames.Jwt, [4000, 5000, 4500]), (TargetNames.Redis, [1000, 1000, 1000]))).ToDictionary(v => v.Id);

        Assert.Equal(Verdict.Inconclusive, verdicts["H1"].Verdict);
        Assert.Equal(Verdict.Confirmed, verdicts["H3"].Verdict);
    }

    [Fact]
    public void RatioToCeiling_IsPairedAndUsesTheSameKindOfBalancer()
    {
        var facts = Facts((TargetNames.IpHashCeiling, [8000, 4000]), (TargetNames.RoundRobinCeiling, [5000, 2500]), (TargetNames.Sticky, [4000, 2000]), (TargetNames.Redis, [4000, 2000]));

        Assert.Equal(0.5, facts.RatioToCeiling(TargetNames.Sticky)!.Value, 9);
        Assert.Equal(0.8, facts.RatioToCeiling(TargetNames.Redis)!.Value, 9);
        Assert.Equal(0.8, facts.RatioToCeiling(TargetNames.Redis)!.High, 9); // the drift between rounds cancels out
        Assert.Null(facts.RatioToCeiling(TargetNames.Jwt));
    }

    [Fact]
    public void Targets_PeerThatFailedRequests_IsNoBaseline_TheRatioIsShownButNotJudged()
    {
        var facts = Facts(
            [(TargetNames.AspNetSessionPeer, 2_320)],
            (TargetNames.Redis, [6000, 6000, 6000]),
            (TargetNames.AspNetSessionPeer, [2000, 2000, 2000]),
            (TargetNames.Jwt, [8000, 8100, 7900]),
            (TargetNames.JwtBearerPeer, [7000, 7000, 7000]));

        var rows = ThroughputExperiment.Targets(facts).ToDictionary(r => r[0]);

        Assert.StartsWith("3.00", rows["redis / aspnet-session peer"][2], StringComparison.Ordinal);
        Assert.Equal("not judged: aspnet-session (built-in peer) failed 2,320 of 30,000 requests", rows["redis / aspnet-session peer"][3]);
        Assert.Equal("yes", rows["jwt / jwt-bearer peer"][3]);
    }

    [Fact]
    public void Targets_RatioWhoseIntervalStraddlesTheGoal_IsWithinNoise()
    {
        var facts = Facts((TargetNames.Redis, [3500, 3900, 3300]), (TargetNames.RoundRobinCeiling, [5000, 5000, 5000]));

        var row = ThroughputExperiment.Targets(facts).Single(r => r[0] == "redis / ceiling (round robin)");

        Assert.StartsWith("within noise", row[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Targets_SchemeThatFailedRequests_IsNotJudgedAgainstItsCeilingEither()
    {
        var facts = Facts([(TargetNames.Redis, 5)], (TargetNames.Redis, [4000, 4000]), (TargetNames.RoundRobinCeiling, [5000, 5000]));

        var row = ThroughputExperiment.Targets(facts).Single(r => r[0] == "redis / ceiling (round robin)");

        Assert.StartsWith("not judged: redis failed 5 of", row[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Anomalies_SchemeAboveItsCeilingBeyondNoise_IsFlagged()
    {
        var facts = Facts((TargetNames.Sticky, [6000, 6100, 5900]), (TargetNames.IpHashCeiling, [4000, 4000, 4000]));

        Assert.Contains(facts.Anomalies(), a => a.Contains("its ceiling", StringComparison.Ordinal));
    }

    [Fact]
    public void Anomalies_StickyLoadThatMissedBackends_IsFlagged()
    {
        var facts = Facts((TargetNames.Sticky, [6000, 6100])) with
        {
            LoginsPerBackend = new Dictionary<string, IReadOnlyDictionary<string, int>> { [TargetNames.Sticky] = new Dictionary<string, int> { ["sticky-1"] = 100 } },
        };

        Assert.Contains(facts.Anomalies(), a => a.Contains("only 1 of the 3 sticky backends", StringComparison.Ordinal));
    }

    [Fact]
    public void Anomalies_SaturatedMachineMostlyTheLab_NamesTheGenerator()
    {
        var saturated = new CpuSample([new ProcessCpu(CpuMeter.LabProcess, 1, 150), new ProcessCpu("redis/1", 2, 30)], 97);
        var facts = Facts((TargetNames.Redis, [4000, 4000])) with
        {
            Cpu = new Dictionary<string, IReadOnlyList<CpuSample>> { [TargetNames.Redis] = [saturated, saturated] },
        };

        Assert.Contains(facts.Anomalies(), a => a.Contains("saturated", StringComparison.Ordinal) && a.Contains("the lab's own", StringComparison.Ordinal));
    }

    private static ThroughputFacts Facts(params (string Name, double[] Qps)[] runs) => Facts([], runs);

    private static ThroughputFacts Facts((string Name, long Failed)[] failures, params (string Name, double[] Qps)[] runs) =>
        new(
            new RoundSeries(runs.ToDictionary(r => r.Name, r => (IReadOnlyList<double?>)[.. r.Qps.Select(q => (double?)q)])),
            runs.ToDictionary(r => r.Name, r => (failures.FirstOrDefault(f => f.Name == r.Name).Failed, (long)r.Qps.Length * 10_000)),
            new Dictionary<string, IReadOnlyList<CpuSample>>(),
            new Dictionary<string, IReadOnlyDictionary<string, int>>(),
            3,
            [.. runs.Select(r => r.Name)],
            "3 s",
            100,
            null);
}
