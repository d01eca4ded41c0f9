namespace SessionLab.Topology.LoadBalancing;

/// <summary>How a load balancer picks a backend.</summary>
internal enum BalancingPolicy
{
    /// <summary>nginx <c>ip_hash</c>: IPv4 hashed on its first three octets, IPv6 on the whole address.</summary>
    IpHash,

    /// <summary>Each request to the next backend in turn.</summary>
    RoundRobin,
}
