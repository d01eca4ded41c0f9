using SessionLab.Experiments.Performance;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.Performance;

public sealed class ThroughputExperimentTests
{
    private static readonly SessionLab.Experiments.Framework.ExperimentInfo Info = new ThroughputExperiment().Info;

    [Fact]
    public void Judge_PlansOrder_ConfirmsAll()
    {
        var facts = Facts(("sticky", 5000), ("jwt", 4500), ("redis", 4000));

        Assert.All(ThroughputExperiment.Judge(Info, facts), v => Assert.Equal(Verdict.Confirmed, v.Verdict));
    }

    [Fact]
    public void Judge_RedisFasterThanJwt_RefutesH2AndH3WithTheFigures()
    {
        var verdicts = ThroughputExperiment.Judge(Info, Facts(("sticky", 5000), ("jwt", 3000), ("redis", 4000))).ToDictionary(v => v.Id);

        Assert.Equal(Verdict.Refuted, verdicts["H2"].Verdict);
        Assert.Equal(Verdict.Refuted, verdicts["H3"].Verdict);
        Assert.Contains("Redis 4000", verdicts["H3"].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void RatioToCeiling_UsesTheSameKindOfBalancer()
    {
        var facts = Facts(("ceiling: /health via ip_hash", 8000), ("ceiling: /health via round robin", 5000), ("sticky", 4000), ("redis", 4000));

        Assert.Equal(0.5, facts.RatioToCeiling("sticky"));
        Assert.Equal(0.8, facts.RatioToCeiling("redis"));
        Assert.Null(facts.RatioToCeiling("jwt"));
    }

    [Fact]
    public void Targets_PeerThatFailedRequests_IsNoBaseline_TheRatioIsShownButNotJudged()
    {
        var facts = ThroughputFacts.From(
        [
            ("redis", false, 6000, 0, 10_000),
            ("aspnet-session (built-in peer)", true, 2000, 2_320, 10_000),
            ("jwt", false, 8000, 0, 10_000),
            ("jwt-bearer (built-in peer)", true, 7000, 0, 10_000),
        ]);

        var rows = ThroughputExperiment.Targets(facts).ToDictionary(r => r[0]);

        Assert.Equal("3.00", rows["redis / aspnet-session peer"][2]);
        Assert.Equal("not judged: aspnet-session (built-in peer) failed 2,320 of 10,000 requests", rows["redis / aspnet-session peer"][3]);
        Assert.Equal("yes", rows["jwt / jwt-bearer peer"][3]);
    }

    [Fact]
    public void Targets_SchemeThatFailedRequests_IsNotJudgedAgainstItsCeilingEither()
    {
        var facts = ThroughputFacts.From([("redis", false, 4000, 5, 10_000), (ThroughputFacts.RoundRobinCeiling, true, 5000, 0, 10_000)]);

        var row = ThroughputExperiment.Targets(facts).Single(r => r[0] == "redis / ceiling (round robin)");

        Assert.StartsWith("not judged: redis failed 5 of", row[3], StringComparison.Ordinal);
    }

    private static ThroughputFacts Facts(params (string Name, double Qps)[] runs) =>
        ThroughputFacts.From([.. runs.Select(r => (r.Name, r.Name.StartsWith("ceiling", StringComparison.Ordinal), r.Qps, 0L, 10_000L))]);
}
