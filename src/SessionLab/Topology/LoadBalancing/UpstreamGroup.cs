using System.Net;

namespace SessionLab.Topology.LoadBalancing;

/// <summary>One load-balanced front: a listening port and the backends behind it (e.g. 8080 → 8081–8083, IP hash).</summary>
/// <param name="Name">Short name used in configs and logs: <c>sticky</c>, <c>redis</c>, <c>jwt</c>.</param>
/// <param name="Listen">Where the load balancer listens.</param>
/// <param name="Policy">How it picks a backend.</param>
/// <param name="Backends">The backends, in order (server-1 first).</param>
internal sealed record UpstreamGroup(string Name, IPEndPoint Listen, BalancingPolicy Policy, IReadOnlyList<IPEndPoint> Backends);
