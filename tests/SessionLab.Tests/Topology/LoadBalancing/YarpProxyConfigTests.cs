using System.Net;
using SessionLab.Topology.LoadBalancing;
using SessionLab.Topology.LoadBalancing.Yarp;

namespace SessionLab.Tests.Topology.LoadBalancing;

public sealed class YarpProxyConfigTests
{
    private static readonly UpstreamGroup[] Groups =
    [
        new("sticky", IPEndPoint.Parse("127.0.0.1:8080"), BalancingPolicy.IpHash, [IPEndPoint.Parse("127.0.0.1:8081"), IPEndPoint.Parse("127.0.0.1:8082")]),
        new("redis", IPEndPoint.Parse("127.0.0.1:8090"), BalancingPolicy.RoundRobin, [IPEndPoint.Parse("127.0.0.1:8091")]),
    ];

    [Fact]
    public void Routes_TwoGroups_OneRoutePerGroupTaggedWithItsPort()
    {
        var routes = YarpProxyConfig.Routes(Groups);

        Assert.Equal(["sticky", "redis"], routes.Select(r => r.RouteId));
        Assert.Equal(["8080", "8090"], routes.Select(r => r.Metadata![YarpProxyConfig.ListenPortKey]));
        Assert.All(routes, r => Assert.Equal(r.RouteId, r.ClusterId));
    }

    [Fact]
    public void Clusters_TwoGroups_PolicyAndNumberedDestinations()
    {
        var clusters = YarpProxyConfig.Clusters(Groups);

        Assert.Equal(NginxIpHashLoadBalancingPolicy.PolicyName, clusters[0].LoadBalancingPolicy);
        Assert.Equal("RoundRobin", clusters[1].LoadBalancingPolicy);
        Assert.Equal("http://127.0.0.1:8082/", clusters[0].Destinations!["server-2"].Address);
        Assert.Equal(NginxMaxFailsHealthPolicy.PolicyName, clusters[1].HealthCheck!.Passive!.Policy);
        Assert.Equal(TimeSpan.FromSeconds(60), clusters[0].HttpRequest!.ActivityTimeout);
    }
}
