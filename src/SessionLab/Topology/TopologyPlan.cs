using System.Net;
using SessionLab.Backend.Common;
using SessionLab.Topology.LoadBalancing;

namespace SessionLab.Topology;

/// <summary>
/// The lab's topology declared once, as data (as eShop's AppHost declares its resources): one store, and per scheme a
/// load balancer with its policy in front of <see cref="BackendsPerGroup"/> backends. The launcher checks its ports,
/// starts its store, backends and balancers, and <c>up</c>'s parts table lists what was started from it.
/// </summary>
internal sealed record TopologyPlan(int StorePort, IReadOnlyList<SchemeGroupPlan> Groups)
{
    /// <summary>Backends behind each load balancer (the plan's server-1 … server-3).</summary>
    public const int BackendsPerGroup = 3;

    /// <summary>
    /// The plan's three schemes, and with <paramref name="includeBaselines"/> the ASP.NET Core built-ins beside them; the
    /// sticky group kept by <paramref name="stickyAffinity"/> (the plan's <c>ip_hash</c>, or <c>up --affinity cookie</c>).
    /// </summary>
    public static TopologyPlan For(TopologyPorts ports, bool includeBaselines = false, BalancingPolicy stickyAffinity = BalancingPolicy.IpHash)
    {
        List<SchemeGroupPlan> groups =
        [
            new(SchemeKind.Sticky, ports.StickyBalancer, stickyAffinity),
            new(SchemeKind.Redis, ports.RedisBalancer, BalancingPolicy.RoundRobin),
            new(SchemeKind.Jwt, ports.JwtBalancer, BalancingPolicy.RoundRobin),
        ];
        if (includeBaselines)
        {
            groups.Add(new(SchemeKind.AspNetSession, ports.AspNetSessionBalancer, BalancingPolicy.RoundRobin));
            groups.Add(new(SchemeKind.JwtBearer, ports.JwtBearerBalancer, BalancingPolicy.RoundRobin));
        }

        return new(ports.Store, groups);
    }

    public int BackendCount => Groups.Sum(g => g.BackendPorts.Count);

    /// <summary>Every port the plan listens on: each balancer and its backends, then the store when the lab runs one.</summary>
    public IEnumerable<int> Ports(bool includeStore) =>
        Groups.SelectMany(g => g.BackendPorts.Prepend(g.BalancerPort)).Concat(includeStore ? [StorePort] : []);
}

/// <summary>One scheme's load balancer (its port and policy) and the backends behind it.</summary>
internal sealed record SchemeGroupPlan(SchemeKind Scheme, int BalancerPort, BalancingPolicy Policy)
{
    /// <summary>The upstream's name, as the balancer's configuration and the parts table spell it.</summary>
    public string Name => SchemeNames.UpstreamOf(Scheme);

    /// <summary>server-1 … server-3: the balancer's port plus 1, 2, 3.</summary>
    public IReadOnlyList<int> BackendPorts => [.. Enumerable.Range(1, TopologyPlan.BackendsPerGroup).Select(i => TopologyPorts.Backend(BalancerPort, i))];

    /// <summary>What a load-balancer engine is given for this group (loopback addresses).</summary>
    public UpstreamGroup Upstream() => new(
        Name,
        new IPEndPoint(IPAddress.Loopback, BalancerPort),
        Policy,
        [.. BackendPorts.Select(port => new IPEndPoint(IPAddress.Loopback, port))]);
}
