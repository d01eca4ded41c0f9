using SessionLab.Topology;
using SessionLab.Topology.LoadBalancing;

namespace SessionLab.Tests.Topology;

public sealed class TopologyPlanTests
{
    [Fact]
    public void CreateGroups_PlanPorts_MatchSpecSection2()
    {
        var groups = TopologyLauncher.CreateGroups(new TopologyPorts());

        Assert.Collection(
            groups,
            g => AssertGroup(g, "sticky", 8080, BalancingPolicy.IpHash, 8081, 8082, 8083),
            g => AssertGroup(g, "redis", 8090, BalancingPolicy.RoundRobin, 8091, 8092, 8093),
            g => AssertGroup(g, "jwt", 8100, BalancingPolicy.RoundRobin, 8101, 8102, 8103));
    }

    [Fact]
    public void Ports_Offset_ShiftsEveryPortIncludingTheStore()
    {
        var ports = new TopologyPorts(20000);

        Assert.Equal(28080, ports.StickyBalancer);
        Assert.Equal(26379, ports.Store);
        Assert.Equal(13, ports.All(includeStore: true).Distinct().Count());
        Assert.All(ports.All(includeStore: true), p => Assert.InRange(p, 26379, 28103));
    }

    [Fact]
    public void For_WithBaselines_DeclaresFiveGroupsOfThreeBackends_AndEveryPortOnce()
    {
        var plan = TopologyPlan.For(new TopologyPorts(), includeBaselines: true);

        Assert.Equal(["sticky", "redis", "jwt", "aspnet_session", "jwt_bearer"], plan.Groups.Select(g => g.Name));
        Assert.Equal(15, plan.BackendCount);
        Assert.Equal([8080, 8081, 8082, 8083], plan.Ports(includeStore: false).Take(4));
        Assert.Equal(6379, plan.Ports(includeStore: true).Last());
        Assert.Equal(21, plan.Ports(includeStore: true).Distinct().Count());
    }

    [Theory]
    [InlineData("garnet", "garnet")]
    [InlineData("redis.example:6380", "external")]
    [InlineData("sentinel1:26379,serviceName=mymaster", "external")]
    public void ResolveStore_Choice_GivesThatEngine(string choice, string engine) =>
        Assert.Equal(engine, EngineResolver.ResolveStore(choice).Name);

    [Fact]
    public void ReplicatedStoreBlock_NeverMeetsTheLabsOwnPorts_NorAnotherLabShiftedByWholeHundreds()
    {
        var ports = new TopologyPorts();
        int[] block = [.. Enumerable.Range(1, 6).Select(ports.StoreNode), .. Enumerable.Range(1, 3).Select(ports.Sentinel)];
        Assert.Equal([6441, 6442, 6443, 6444, 6445, 6446, 6451, 6452, 6453], block);

        // The tests run labs side by side at offsets that are multiples of 100.
        for (var shift = -2000; shift <= 2000; shift += 100)
        {
            var other = new TopologyPorts(shift);
            var taken = other.All(includeStore: true, includeBaselines: true).Concat(other.Extras()).ToHashSet();
            Assert.DoesNotContain(block, taken.Contains);
        }
    }

    [Fact]
    public void ReplicatedStoreBlock_ShiftsWithTheOffset()
    {
        Assert.Equal(7041, new TopologyPorts(600).StoreNode(1));
        Assert.Equal(7053, new TopologyPorts(600).Sentinel(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TopologyPorts().Sentinel(4));
    }

    private static void AssertGroup(UpstreamGroup group, string name, int listen, BalancingPolicy policy, params int[] backends)
    {
        Assert.Equal(name, group.Name);
        Assert.Equal(listen, group.Listen.Port);
        Assert.Equal(policy, group.Policy);
        Assert.Equal(backends, group.Backends.Select(b => b.Port));
    }
}
