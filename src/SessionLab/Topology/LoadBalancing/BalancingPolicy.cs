namespace SessionLab.Topology.LoadBalancing;

/// <summary>How a load balancer picks a backend.</summary>
internal enum BalancingPolicy
{
    /// <summary>nginx <c>ip_hash</c>: IPv4 hashed on its first three octets, IPv6 on the whole address.</summary>
    IpHash,

    /// <summary>Each request to the next backend in turn.</summary>
    RoundRobin,

    /// <summary>
    /// Affinity by a cookie the load balancer sets (<see cref="CookieAffinity"/>): clients behind one address spread
    /// over the backends, and each stays on its own. nginx hashes the cookie consistently; YARP uses its cookie
    /// session affinity.
    /// </summary>
    CookieAffinity,
}
