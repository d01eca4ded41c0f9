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

    private static ThroughputFacts Facts(params (string Name, double Qps)[] runs) =>
        ThroughputFacts.From([.. runs.Select(r => (r.Name, r.Name.StartsWith("ceiling", StringComparison.Ordinal), r.Qps))]);
}
