using SessionLab.Experiments.Framework.FaultsUnderLoad;
using SessionLab.Experiments.Reliability;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.Reliability;

public sealed class ClusterShardFailureExperimentTests
{
    [Fact]
    public void Judge_OneShardOutUntilPromotion_OthersUntouched_NothingLost_AllConfirmed()
    {
        var verdicts = ClusterShardFailureExperiment.Judge(Facts()).ToList();

        Assert.Equal(["H1", "H2", "H3", "H4", "H5"], verdicts.Select(v => v.Id));
        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("node-2: 0 of 1000 requests by 10 readers", verdicts[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("node-1's sessions were unavailable 3.100 s", verdicts[1].Evidence, StringComparison.Ordinal);
        Assert.Contains("another node served its slots 3.000 s after the kill", verdicts[1].Evidence, StringComparison.Ordinal);
        Assert.Contains("10 of 30 readers (33", verdicts[2].Evidence, StringComparison.Ordinal);
        Assert.Contains("Of 300 acknowledged logins 0 sessions were missing", verdicts[3].Evidence, StringComparison.Ordinal);
        Assert.Contains("of the 330 the lab holds alive it missed 0", verdicts[4].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_FailuresOnAnotherShard_H1AndH3Refuted()
    {
        var facts = Facts() with { Shards = [Victim(), Other("node-2") with { UsersWithFailures = 2, Reads = new SchemeOutage(0.2, 0.4, 0.1, 3) }, Other("node-3")] };

        var verdicts = ClusterShardFailureExperiment.Judge(facts).ToList();

        Assert.Equal(Verdict.Refuted, verdicts[0].Verdict);
        Assert.Equal(Verdict.Refuted, verdicts[2].Verdict);
    }

    [Fact]
    public void Judge_WindowPastNodeTimeoutPlusAllowance_H2Refuted()
    {
        var facts = Facts() with { Shards = [Victim() with { Reads = new SchemeOutage(0.1, 7.5, 0.2, 70) }, Other("node-2"), Other("node-3")] };

        Assert.Equal(Verdict.Refuted, ClusterShardFailureExperiment.Judge(facts).ElementAt(1).Verdict);
    }

    [Fact]
    public void Judge_NeverRecovered_H2Refuted()
    {
        var facts = Facts() with { PromotedAfterSeconds = null, Shards = [Victim() with { Reads = new SchemeOutage(0.1, null, null, 70) }, Other("node-2"), Other("node-3")] };

        var h2 = ClusterShardFailureExperiment.Judge(facts).ElementAt(1);

        Assert.Equal(Verdict.Refuted, h2.Verdict);
        Assert.Contains("no node took over its slots", h2.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_BackendRestarted_H2Refuted() =>
        Assert.Equal(Verdict.Refuted, ClusterShardFailureExperiment.Judge(Facts() with { BackendRestarted = true }).ElementAt(1).Verdict);

    [Fact]
    public void Judge_AcknowledgedLoginsLost_H4Refuted()
    {
        var facts = Facts() with { Shards = [Victim() with { Sessions = new WriteCheck(100, 97, 3, 0, [1, 2, 3]) }, Other("node-2"), Other("node-3")] };

        var h4 = ClusterShardFailureExperiment.Judge(facts).ElementAt(3);

        Assert.Equal(Verdict.Refuted, h4.Verdict);
        Assert.Contains("3 sessions were missing", h4.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_ListingMissesAShard_H5Refuted()
    {
        var facts = Facts() with { Listing = new SessionListingCheck(220, "200", [new("node-1", 110, 0, 110), new("node-2", 110, 110, 0), new("node-3", 110, 110, 0)]) };

        Assert.Equal(Verdict.Refuted, ClusterShardFailureExperiment.Judge(facts).Last().Verdict);
    }

    [Fact]
    public void Judge_ListingUnavailable_H5Refuted() =>
        Assert.Equal(Verdict.Refuted, ClusterShardFailureExperiment.Judge(Facts() with { Listing = new SessionListingCheck(null, "answered 503", []) }).Last().Verdict);

    [Fact]
    public void Judge_NothingKilled_AllInconclusive() =>
        Assert.All(
            ClusterShardFailureExperiment.Judge(Facts() with { Shards = [Other("node-1"), Other("node-2"), Other("node-3")] }),
            v => Assert.Equal(Verdict.Inconclusive, v.Verdict));

    private static ShardOutage Victim() => new("node-1", "slots 0-5460", true, 10, 10, 900, new SchemeOutage(0.1, 3.2, 0.2, 250), new WriteCheck(100, 100, 0, 0, []));

    private static ShardOutage Other(string name) => new(name, "slots 5461-10922", false, 10, 0, 1000, new SchemeOutage(null, null, null, 0), new WriteCheck(100, 100, 0, 0, []));

    private static ClusterShardFailureFacts Facts() => new(
        "settings",
        2,
        "killed redis/node-1 (primary, slots 0-5460, pid 1) with SIGKILL",
        3.0,
        "node-4 promoted, slots 0-5460, 127.0.0.1 6464",
        [Victim(), Other("node-2"), Other("node-3")],
        new SessionListingCheck(330, "200", [new("node-1", 110, 110, 0), new("node-2", 110, 110, 0), new("node-3", 110, 110, 0)]),
        BackendRestarted: false);
}
