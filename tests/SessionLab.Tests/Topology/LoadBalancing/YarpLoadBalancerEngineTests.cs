using System.Net;
using SessionLab.Topology;
using SessionLab.Topology.LoadBalancing;
using SessionLab.Topology.LoadBalancing.Yarp;

namespace SessionLab.Tests.Topology.LoadBalancing;

public sealed class YarpLoadBalancerEngineTests
{
    private static readonly IPEndPoint[] Backends = [IPEndPoint.Parse("127.0.0.1:8081")];

    [Fact]
    public void CheckAvailability_Always_AvailableWithThePackageVersion()
    {
        var availability = new YarpLoadBalancerEngine().CheckAvailability();

        Assert.True(availability.IsAvailable);
        Assert.Matches(@"^2\.\d+\.\d+", availability.Version);
    }

    [Fact]
    public async Task StartAsync_TwoGroupsOnOnePort_ThrowsNamingBoth()
    {
        UpstreamGroup[] groups =
        [
            new("sticky", IPEndPoint.Parse("127.0.0.1:8080"), BalancingPolicy.IpHash, Backends),
            new("redis", IPEndPoint.Parse("127.0.0.1:8080"), BalancingPolicy.RoundRobin, Backends),
        ];

        var error = await Assert.ThrowsAsync<TopologyException>(() =>
            new YarpLoadBalancerEngine().StartAsync(groups, new PassiveHealthOptions(), Path.GetTempPath(), TestContext.Current.CancellationToken));

        Assert.Contains("sticky and redis", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_GroupWithoutBackends_Throws()
    {
        UpstreamGroup[] groups = [new("jwt", IPEndPoint.Parse("127.0.0.1:8100"), BalancingPolicy.RoundRobin, [])];

        await Assert.ThrowsAsync<TopologyException>(() =>
            new YarpLoadBalancerEngine().StartAsync(groups, new PassiveHealthOptions(), Path.GetTempPath(), TestContext.Current.CancellationToken));
    }
}
