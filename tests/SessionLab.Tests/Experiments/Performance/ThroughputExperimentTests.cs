using SessionLab.Experiments.Framework.Load;
using SessionLab.Experiments.Performance;
using SessionLab.Measurement.Statistics;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.Performance;

public sealed class ThroughputExperimentTests
{

    [Fact]
    public void Judge_PlansOrderBeyondNoise_ConfirmsTheOrderings_LimitsWithoutCpuAreInconclusive()
    {
        var facts = Facts((TargetNames.Sticky, [5000, 5100, 4900]), (TargetNames.Jwt, [4500, 4550, 4450]), (TargetNames.Redis, [4000, 4050, 3950]));

        var verdicts = ThroughputExperiment.Judge(facts).ToDictionary(v => v.Id);

        Assert.All(new[] { "H1", "H4", "H5" }, id => Assert.Equal(Verdict.Confirmed, verdicts[id].Verdict));
        Assert.All(new[] { "H2", "H3" }, id => Assert.Equal(Verdict.Inconclusive, verdicts[id].Verdict));
    }

    [Fact]
    public void Judge_RedisFasterThanJwt_RefutesH4AndH5WithTheFigures()
    {
        var verdicts = ThroughputExperiment.Judge(Facts((TargetNames.Sticky, [5000, 5000, 5000]), (TargetNames.Jwt, [3000, 3100, 2900]), (TargetNames.Redis, [4000, 4000, 4000]))).ToDictionary(v => v.Id);

        Assert.Equal(Verdict.Refuted, verdicts["H4"].Verdict);
        Assert.Equal(Verdict.Refuted, verdicts["H5"].Verdict);
        Assert.Contains("redis 4000", verdicts["H5"].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_RedisIdleWhileTheMachineIsSaturatedByBackends_RefutesTheRedisLimit()
    {
        // As measured on nginx + redis-server: the store at 7 % of a core, the three backends at 121 %.
        var round = Sample(100, ("store", 7), ("redis/server-1", 40), ("redis/server-2", 41), ("redis/server-3", 40), ("load balancer (one process for every group)", 40), (CpuMeter.LabProcess, 27));
        var facts = WithCpu(Facts((TargetNames.Redis, [14000, 14400, 14800])), TargetNames.Redis, round, round, round);

        var h2 = ThroughputExperiment.Judge(facts).Single(v => v.Id == "H2");

        Assert.Equal(Verdict.Refuted, h2.Verdict);
        Assert.Contains("the store used 7 % of one core", h2.Evidence, StringComparison.Ordinal);
        Assert.Contains("most by the backends", h2.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_MachineBusyWithOtherWork_LeavesBothLimitsInconclusive()
    {
        // 2 cores at 100 %: 200 % of one core, of which the lab's processes used 40 %.
        var round = Sample(100, ("store", 1), ("redis/server-1", 9), ("jwt/server-1", 10), (CpuMeter.LabProcess, 20)) with { Cores = 2 };
        var facts = WithCpu(Facts((TargetNames.Redis, [1200, 1100, 1300]), (TargetNames.Jwt, [1000, 1000, 1000])), TargetNames.Redis, round, round, round) with { Costs = Costs(verify: 8) };
        facts = facts with { Cpu = new Dictionary<string, IReadOnlyList<CpuSample>>(facts.Cpu) { [TargetNames.Jwt] = [round, round, round] } };

        var verdicts = ThroughputExperiment.Judge(facts).ToDictionary(v => v.Id);

        Assert.Equal(Verdict.Inconclusive, verdicts["H2"].Verdict);
        Assert.Equal(Verdict.Inconclusive, verdicts["H3"].Verdict);
        Assert.Contains("other processes on the machine 160 %", verdicts["H2"].Evidence, StringComparison.Ordinal);
        Assert.Contains(facts.Anomalies(), a => a.StartsWith("Processes outside the lab used 160 %", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_RedisAtAFullCore_ConfirmsTheRedisLimit()
    {
        var round = Sample(100, ("store", 96), ("redis/server-1", 30), ("redis/server-2", 30), (CpuMeter.LabProcess, 40));
        var facts = WithCpu(Facts((TargetNames.Redis, [14000, 14400, 14800])), TargetNames.Redis, round, round, round);

        Assert.Equal(Verdict.Confirmed, ThroughputExperiment.Judge(facts).Single(v => v.Id == "H2").Verdict);
    }

    [Fact]
    public void Judge_ExternalStoreWithoutCpu_LeavesTheRedisLimitInconclusive()
    {
        var round = Sample(100, ("redis/server-1", 90), (CpuMeter.LabProcess, 90));
        var facts = WithCpu(Facts((TargetNames.Redis, [14000, 14400])), TargetNames.Redis, round, round);

        var h2 = ThroughputExperiment.Judge(facts).Single(v => v.Id == "H2");

        Assert.Equal(Verdict.Inconclusive, h2.Verdict);
        Assert.Contains("external store", h2.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_VerificationASmallShareOfTheBackendsCpu_RefutesTheSignatureLimit()
    {
        // 113 % of a core over 19,000 QPS is about 59 µs per request; an 8 µs verification is 13 % of it.
        var round = Sample(99, ("jwt/server-1", 38), ("jwt/server-2", 37), ("jwt/server-3", 38), ("load balancer (one process for every group)", 49), (CpuMeter.LabProcess, 34));
        var facts = WithCpu(Facts((TargetNames.Jwt, [19000, 19100, 18900])), TargetNames.Jwt, round, round, round) with { Costs = Costs(verify: 8) };

        var h3 = ThroughputExperiment.Judge(facts).Single(v => v.Id == "H3");

        Assert.Equal(Verdict.Refuted, h3.Verdict);
        Assert.Contains("verification is 13 % of it", h3.Evidence, StringComparison.Ordinal);
        Assert.Equal(59.47, facts.BackendCpuMicrosPerRequest(TargetNames.Jwt)!.Value, 2);
    }

    [Fact]
    public void Judge_SaturatedJwtBackendsSpendingMostOnVerification_ConfirmsTheSignatureLimit()
    {
        // 150 % over 30,000 QPS is 50 µs per request, of which a 40 µs verification is 80 %.
        var round = Sample(100, ("jwt/server-1", 75), ("jwt/server-2", 75), (CpuMeter.LabProcess, 45));
        var facts = WithCpu(Facts((TargetNames.Jwt, [30000, 30000, 30000])), TargetNames.Jwt, round, round, round) with { Costs = Costs(verify: 40) };

        Assert.Equal(Verdict.Confirmed, ThroughputExperiment.Judge(facts).Single(v => v.Id == "H3").Verdict);
    }

    [Fact]
    public void Judge_OrderThatFlipsBetweenRounds_IsInconclusive()
    {
        var verdicts = ThroughputExperiment.Judge(Facts((TargetNames.Sticky, [5000, 4000, 4600]), (TargetNames.Jwt, [4000, 5000, 4500]), (TargetNames.Redis, [1000, 1000, 1000]))).ToDictionary(v => v.Id);

        Assert.Equal(Verdict.Inconclusive, verdicts["H1"].Verdict);
        Assert.Equal(Verdict.Confirmed, verdicts["H5"].Verdict);
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
    public void Goals_PeerThatFailedRequests_IsNoBaseline_TheRatioIsShownButNotJudged()
    {
        var facts = Facts(
            [(TargetNames.AspNetSessionPeer, 2_320)],
            (TargetNames.Redis, [6000, 6000, 6000]),
            (TargetNames.AspNetSessionPeer, [2000, 2000, 2000]),
            (TargetNames.Jwt, [8000, 8100, 7900]),
            (TargetNames.JwtBearerPeer, [7000, 7000, 7000]));

        var goals = ThroughputExperiment.Goals(facts).ToDictionary(g => $"{g.Goal.Target} / {g.Goal.Reference}");

        var peer = goals[$"{TargetNames.Redis} / {TargetNames.AspNetSessionPeer}"];
        Assert.Equal(GoalOutcome.NotJudged, peer.Goal.Outcome);
        Assert.Equal("redis/ratio_to_peer", peer.Goal.RatioMetric);
        Assert.Equal(3.0, peer.Ratio!.Value, 9);
        var row = ThroughputExperiment.GoalRow(peer.Goal, peer.Ratio);
        Assert.StartsWith("3.00", row[2], StringComparison.Ordinal);
        Assert.Equal("not judged: aspnet-session (built-in peer) failed 2,320 of 30,000 requests", row[3]);
        Assert.Equal(GoalOutcome.Met, goals[$"{TargetNames.Jwt} / {TargetNames.JwtBearerPeer}"].Goal.Outcome);
        Assert.Equal(GoalOutcome.NotMeasured, goals[$"{TargetNames.Sticky} / {TargetNames.IpHashCeiling}"].Goal.Outcome);
        Assert.Null(goals[$"{TargetNames.Sticky} / {TargetNames.IpHashCeiling}"].Goal.RatioMetric);
    }

    [Fact]
    public void Goals_RatioWhoseIntervalStraddlesTheGoal_IsWithinNoise()
    {
        var facts = Facts((TargetNames.Redis, [3500, 3900, 3300]), (TargetNames.RoundRobinCeiling, [5000, 5000, 5000]));

        var (goal, ratio) = ThroughputExperiment.Goals(facts).Single(g => g.Goal.Target == TargetNames.Redis && g.Goal.Reference == TargetNames.RoundRobinCeiling);

        Assert.Equal(GoalOutcome.WithinNoise, goal.Outcome);
        Assert.StartsWith("within noise (±", ThroughputExperiment.GoalRow(goal, ratio)[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Goals_SchemeThatFailedRequests_IsNotJudgedAgainstItsCeilingEither()
    {
        var facts = Facts([(TargetNames.Redis, 5)], (TargetNames.Redis, [4000, 4000]), (TargetNames.RoundRobinCeiling, [5000, 5000]));

        var (goal, _) = ThroughputExperiment.Goals(facts).Single(g => g.Goal.Target == TargetNames.Redis && g.Goal.Reference == TargetNames.RoundRobinCeiling);

        Assert.Equal(GoalOutcome.NotJudged, goal.Outcome);
        Assert.StartsWith("redis failed 5 of", goal.Reason, StringComparison.Ordinal);
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

    private static CpuSample Sample(double machine, params (string Name, double Percent)[] processes) =>
        new([.. processes.Select((p, i) => new ProcessCpu(p.Name, i + 1, p.Percent))], machine);

    private static ThroughputFacts WithCpu(ThroughputFacts facts, string target, params CpuSample[] rounds) =>
        facts with { Cpu = new Dictionary<string, IReadOnlyList<CpuSample>> { [target] = rounds } };

    private static TokenCheckCosts Costs(double verify)
    {
        static Estimate Of(double v) => Estimate.OfMedian([v * 0.98, v, v * 1.02]);
        return new TokenCheckCosts(Of(verify), Of(verify * 1.5), Of(0.5), null);
    }

    private static ThroughputFacts Facts((string Name, long Failed)[] failures, params (string Name, double[] Qps)[] runs) =>
        new(
            new RoundSeries(runs.ToDictionary(r => r.Name, r => (IReadOnlyList<double?>)[.. r.Qps.Select(q => (double?)q)])),
            runs.ToDictionary(r => r.Name, r => (failures.FirstOrDefault(f => f.Name == r.Name).Failed, (long)r.Qps.Length * 10_000)),
            new Dictionary<string, IReadOnlyList<CpuSample>>(),
            runs.ToDictionary(r => r.Name, r => (IReadOnlyList<double>)r.Qps),
            new Dictionary<string, IReadOnlyDictionary<string, int>>(),
            3,
            [.. runs.Select(r => r.Name)],
            "3 s",
            100,
            null);
}
