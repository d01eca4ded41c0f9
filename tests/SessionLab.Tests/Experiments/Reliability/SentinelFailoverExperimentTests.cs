using SessionLab.Experiments.Framework.FaultsUnderLoad;
using SessionLab.Experiments.Reliability;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.Reliability;

public sealed class SentinelFailoverExperimentTests
{
    [Fact]
    public void Judge_PromptFailover_NothingLost_CheapWait_AllConfirmed()
    {
        var verdicts = SentinelFailoverExperiment.Judge(Facts()).ToList();

        Assert.Equal(["H1", "H2", "H3", "H4", "H5"], verdicts.Select(v => v.Id));
        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("unavailable 3.000 s (redis: reads 3.000, logins 2.900)", verdicts[0].Evidence, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("0.200 s later for redis reads", verdicts[1].Evidence, StringComparison.Ordinal);
        Assert.Contains("Of 1000 acknowledged logins 0 sessions were missing", verdicts[2].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_WindowPastDownAfterPlusAllowance_H1Refuted()
    {
        var facts = Facts() with { Asynchronous = Phase() with { RedisWrites = Outage(0.1, 7.5, 0.2) } };

        Assert.Equal(Verdict.Refuted, SentinelFailoverExperiment.Judge(facts).First().Verdict);
    }

    [Fact]
    public void Judge_NeverRecovered_H1AndH2Refuted()
    {
        var facts = Facts() with { Asynchronous = Phase() with { JwtWrites = new SchemeOutage(0.1, null, null, 40) } };

        var verdicts = SentinelFailoverExperiment.Judge(facts).ToList();

        Assert.Equal(Verdict.Refuted, verdicts[0].Verdict);
        Assert.Equal(Verdict.Refuted, verdicts[1].Verdict);
    }

    [Fact]
    public void Judge_SlowToFollowTheAnnouncement_H2Refuted()
    {
        var facts = Facts() with { Asynchronous = Phase() with { RedisReads = Outage(0.1, 3.1, 2.5) } };

        Assert.Equal(Verdict.Refuted, SentinelFailoverExperiment.Judge(facts).ElementAt(1).Verdict);
    }

    [Fact]
    public void Judge_NoAnnouncement_H2Inconclusive()
    {
        var facts = Facts() with { Asynchronous = Phase() with { AnnouncedAfterSeconds = null } };

        Assert.Equal(Verdict.Inconclusive, SentinelFailoverExperiment.Judge(facts).ElementAt(1).Verdict);
    }

    [Fact]
    public void Judge_AcknowledgedWritesLost_H3Refuted_H4ByItsOwnPhase()
    {
        var lost = new WriteCheck(1000, 997, 3, 0, [1, 2, 3]);
        var facts = Facts() with { Asynchronous = Phase() with { Sessions = lost }, Durable = Phase() with { Revocations = new WriteCheck(500, 499, 1, 0, [1]) } };

        var verdicts = SentinelFailoverExperiment.Judge(facts).ToList();

        Assert.Equal(Verdict.Refuted, verdicts[2].Verdict);
        Assert.Contains("3 sessions were missing", verdicts[2].Evidence, StringComparison.Ordinal);
        Assert.Equal(Verdict.Refuted, verdicts[3].Verdict);
    }

    [Fact]
    public void Judge_RepeatedFailovers_AllPrompt_ConfirmedWithEachCounted()
    {
        var facts = Facts() with { Repeats = [Phase() with { Name = "failover 2" }, Phase() with { Name = "failover 3" }] };

        var verdicts = SentinelFailoverExperiment.Judge(facts).ToList();

        Assert.Equal(Verdict.Confirmed, verdicts[0].Verdict);
        Assert.Contains("3 of 3 failovers within the limit", verdicts[0].Evidence, StringComparison.Ordinal);
        Assert.Equal(Verdict.Confirmed, verdicts[1].Verdict);
        Assert.Contains("3 of 3 failovers followed within 2 s", verdicts[1].Evidence, StringComparison.Ordinal);
        Assert.Contains("Of 3000 acknowledged logins 0 sessions were missing after 3 failovers", verdicts[2].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_OneOfThreeFailoversSlow_H1AndH2RefutedByThatCounterExample()
    {
        var slow = Phase() with { RedisWrites = Outage(0.1, 7.5, 4.7), RedisReads = Outage(0.1, 7.4, 4.6) };
        var facts = Facts() with { Repeats = [slow, Phase()] };

        var verdicts = SentinelFailoverExperiment.Judge(facts).ToList();

        Assert.Equal(Verdict.Refuted, verdicts[0].Verdict);
        Assert.Contains("2 of 3 failovers within the limit", verdicts[0].Evidence, StringComparison.Ordinal);
        Assert.Equal(Verdict.Refuted, verdicts[1].Verdict);
        Assert.Contains("2 of 3 failovers followed within 2 s", verdicts[1].Evidence, StringComparison.Ordinal);
        Assert.Contains("failover 2: Sentinel announced the new primary 2.800 s after the kill; the first success came 4.600 s later", verdicts[1].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_WritesLostInALaterFailover_H3Refuted()
    {
        var facts = Facts() with { Repeats = [Phase() with { Sessions = new WriteCheck(1000, 998, 2, 0, [1, 2]) }] };

        var h3 = SentinelFailoverExperiment.Judge(facts).ElementAt(2);

        Assert.Equal(Verdict.Refuted, h3.Verdict);
        Assert.Contains("Of 2000 acknowledged logins 2 sessions were missing after 2 failovers", h3.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_NoDurablePhase_H4Inconclusive()
    {
        Assert.Equal(Verdict.Inconclusive, SentinelFailoverExperiment.Judge(Facts() with { Durable = null }).ElementAt(3).Verdict);
    }

    [Theory]
    [InlineData(1.0, 5.0)] // 4 ms dearer: past the 1 ms limit
    [InlineData(1.0, 0.9)] // cheaper: no measurable cost
    public void Judge_WaitCostOutsideZeroToOneMs_H5Refuted(double plain, double waited)
    {
        var facts = Facts() with { Latency = Latency() with { LoginP50Ms = plain, LoginWaitP50Ms = waited } };

        Assert.Equal(Verdict.Refuted, SentinelFailoverExperiment.Judge(facts).Last().Verdict);
    }

    [Fact]
    public void Judge_EveryRoundCostsBetweenNothingAndTheLimit_H5Confirmed()
    {
        var facts = Facts() with { Latency = Latency() with { LoginCostPerRoundMs = [0.05, 0.2, 0.1], RevokeCostPerRoundMs = [0.03, 0.4, 0.2] } };

        var h5 = SentinelFailoverExperiment.Judge(facts).Last();

        Assert.Equal(Verdict.Confirmed, h5.Verdict);
        Assert.Contains("+0.030 to +0.400", h5.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_RoundsDisagreeOnTheSign_H5InconclusiveEvenWhenThePooledMediansLookFine()
    {
        // The pooled medians alone (Latency(): +0.2 and +0.1 ms) would confirm; one round in which WAIT looked free says noise.
        var facts = Facts() with { Latency = Latency() with { LoginCostPerRoundMs = [-0.4, 0.2, 0.1], RevokeCostPerRoundMs = [0.1, 0.2, 0.1] } };

        Assert.Equal(Verdict.Inconclusive, SentinelFailoverExperiment.Judge(facts).Last().Verdict);
    }

    [Fact]
    public void Judge_EveryRoundPastTheLimit_H5Refuted()
    {
        var facts = Facts() with { Latency = Latency() with { LoginCostPerRoundMs = [0.1, 0.2], RevokeCostPerRoundMs = [1.5, 2.5] } };

        Assert.Equal(Verdict.Refuted, SentinelFailoverExperiment.Judge(facts).Last().Verdict);
    }

    [Fact]
    public void Outage_FromEvents_FirstFailureToFirstSuccess_AndFollowFromTheAnnouncement()
    {
        (double, bool, bool)[] events = [(-0.5, true, false), (0.05, false, true), (1.0, false, true), (2.6, true, false), (2.7, true, false)];

        var outage = SchemeOutage.From(events, announcedAt: 2.5);

        Assert.Equal(0.05, outage.FirstFailureSeconds);
        Assert.Equal(2.6, outage.RecoveredSeconds);
        Assert.Equal(2.55, outage.UnavailableSeconds);
        Assert.Equal(0.1, outage.FollowedAfterAnnouncementSeconds!.Value, 3);
        Assert.Equal(2, outage.Failures);
    }

    [Fact]
    public void Outage_NothingFailed_ZeroWindow()
    {
        var outage = SchemeOutage.From([(0.1, true, false)], announcedAt: null);

        Assert.Equal(0, outage.UnavailableSeconds);
        Assert.Null(outage.FollowedAfterAnnouncementSeconds);
    }

    private static SchemeOutage Outage(double failure, double recovered, double followed) => new(failure, recovered, followed, 10);

    private static FailoverPhase Phase() => new(
        "asynchronous replication",
        "node-1",
        2.8,
        "sessionlab 127.0.0.1 6441 127.0.0.1 6442",
        Outage(0.1, 3.1, 0.2),
        Outage(0.1, 3.0, 0.15),
        Outage(0.1, 0.2, 0.05),
        Outage(0.1, 3.0, 0.3),
        new WriteCheck(1000, 1000, 0, 0, []),
        new WriteCheck(400, 400, 0, 0, []),
        20_000,
        300);

    private static WriteLatency Latency() => new(1.0, 3.0, 1.2, 4.0, 0.7, 2.0, 0.8, 2.5, 800);

    private static SentinelFailoverFacts Facts() => new("settings", 2, Phase(), Phase() with { Name = "WAIT 1 after every write" }, Latency());
}
