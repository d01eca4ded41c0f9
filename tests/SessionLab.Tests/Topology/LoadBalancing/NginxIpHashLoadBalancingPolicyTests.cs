using System.Net;
using Microsoft.AspNetCore.Http;
using SessionLab.Topology.LoadBalancing.Yarp;
using Yarp.ReverseProxy.Model;

namespace SessionLab.Tests.Topology.LoadBalancing;

public sealed class NginxIpHashLoadBalancingPolicyTests
{
    private static readonly IPAddress Client = IPAddress.Parse("127.0.0.1"); // nginx picks index 2, then index 1 if 2 is down

    [Fact]
    public void PickDestination_AllAvailable_HashesOverConfigOrderNotYarpOrder()
    {
        var (cluster, byId) = Cluster("server-3", "server-1", "server-2");

        var picked = Pick(cluster, cluster.DestinationsState.AllDestinations);

        Assert.Same(byId["server-3"], picked);
    }

    [Fact]
    public void PickDestination_HashedOneUnavailable_SkipsItOverTheFullList()
    {
        var (cluster, byId) = Cluster("server-2", "server-3", "server-1");

        // Hashing over only the two available ones would give 4040 % 2 = 0, i.e. server-1; nginx goes on to server-2.
        var picked = Pick(cluster, [byId["server-1"], byId["server-2"]]);

        Assert.Same(byId["server-2"], picked);
    }

    [Fact]
    public void PickDestination_TenBackends_OrdersServer10Last()
    {
        var ids = Enumerable.Range(1, 10).Select(i => $"server-{i}").ToArray();
        var (cluster, byId) = Cluster([.. ids.Order(StringComparer.Ordinal)]);

        var picked = Pick(cluster, cluster.DestinationsState.AllDestinations);

        Assert.Same(byId[$"server-{NginxIpHash.PickIndex(Client, Enumerable.Repeat(true, 10).ToArray()) + 1}"], picked);
    }

    [Fact]
    public void PickDestination_NothingAvailable_Null()
    {
        var (cluster, _) = Cluster("server-1", "server-2");

        Assert.Null(Pick(cluster, []));
    }

    private static DestinationState? Pick(ClusterState cluster, IReadOnlyList<DestinationState> available)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = Client;
        return new NginxIpHashLoadBalancingPolicy().PickDestination(context, cluster, available);
    }

    private static (ClusterState Cluster, Dictionary<string, DestinationState> ById) Cluster(params string[] idsInYarpOrder)
    {
        var destinations = idsInYarpOrder.Select(id => new DestinationState(id)).ToArray();
        var cluster = new ClusterState("sticky") { DestinationsState = new ClusterDestinationsState(destinations, destinations) };
        return (cluster, destinations.ToDictionary(d => d.DestinationId));
    }
}
