using SessionLab.Experiments.Performance;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.Performance;

public sealed class ResourcesExperimentTests
{
    private static readonly SessionLab.Experiments.Framework.ExperimentInfo Info = new ResourcesExperiment().Info;

    [Fact]
    public void Judge_StateWhereEachSchemeKeepsIt_ConfirmsAll()
    {
        var facts = new ResourceFacts(
            10_000,
            Sticky: Cost(heapDelta: 1_250_000, store: null, backends: 1),
            Redis: Cost(heapDelta: -4_000, store: 1_500_000, backends: 3),
            Jwt: Cost(heapDelta: 2_000, store: 0, backends: 3));

        var verdicts = ResourcesExperiment.Judge(Info, facts).ToList();

        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("250 B", verdicts[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("300 B per session", verdicts[1].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_JwtBackendGrowingPerLogin_RefutesH3()
    {
        var facts = new ResourceFacts(10_000, Cost(1_000_000, null, 1), Cost(0, 1_500_000, 3), Cost(heapDelta: 500_000, store: 0, backends: 3));

        Assert.Equal(Verdict.Refuted, ResourcesExperiment.Judge(Info, facts).Single(v => v.Id == "H3").Verdict);
    }

    [Fact]
    public void Judge_RedisSessionsGrowingTheBackend_RefutesH2()
    {
        var facts = new ResourceFacts(10_000, Cost(1_000_000, null, 1), Cost(heapDelta: 1_000_000, store: 1_500_000, backends: 3), Cost(0, 0, 3));

        Assert.Equal(Verdict.Refuted, ResourcesExperiment.Judge(Info, facts).Single(v => v.Id == "H2").Verdict);
    }

    [Fact]
    public void Judge_StoreWithoutUsedMemory_IsInconclusiveNotRefuted()
    {
        var facts = new ResourceFacts(10_000, Cost(1_000_000, null, 1), Cost(0, store: null, backends: 3), Cost(0, null, 3));

        Assert.Equal(Verdict.Inconclusive, ResourcesExperiment.Judge(Info, facts).Single(v => v.Id == "H2").Verdict);
    }

    // Marginal costs are measured over the second half of the logins (5,000 of 10,000).
    private static SessionCost Cost(long heapDelta, long? store, int backends) =>
        new(5_000, 0, heapDelta, null, store, null, 276, backends);
}
