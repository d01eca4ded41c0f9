using System.Net;

namespace SessionLab.Topology.LoadBalancing;

/// <summary>A load-balancer implementation the lab can run: nginx (a child process) or YARP (in-process).</summary>
internal interface ILoadBalancerEngine
{
    /// <summary><c>nginx</c> or <c>yarp</c>.</summary>
    string Name { get; }

    /// <summary>Whether this engine can run here (e.g. nginx is on PATH), and if not, why not.</summary>
    EngineAvailability CheckAvailability();

    /// <summary>
    /// Starts one load balancer serving every group, writing any config and logs into <paramref name="runFolder"/>,
    /// and returns once it accepts connections on every group's port. Throws <see cref="TopologyException"/> with a clear cause otherwise.
    /// </summary>
    Task<IRunningLoadBalancer> StartAsync(IReadOnlyList<UpstreamGroup> groups, PassiveHealthOptions health, string runFolder, CancellationToken cancellationToken);
}

/// <summary>Whether an engine can run here; <see cref="Reason"/> says why not.</summary>
internal sealed record EngineAvailability(bool IsAvailable, string Version, string? Reason = null);

/// <summary>A running load balancer; disposing it stops it and everything it started.</summary>
internal interface IRunningLoadBalancer : IAsyncDisposable
{
    /// <summary>Engine name and version, e.g. <c>nginx 1.22.1</c> or <c>YARP 2.3.0</c>.</summary>
    string Description { get; }

    /// <summary>The process serving the traffic (the lab's own for YARP; nginx's master otherwise).</summary>
    int ProcessId { get; }

    /// <summary>
    /// Takes <paramref name="backend"/> out of rotation (nginx's <c>down</c>: no new request goes to it, and IP-hash
    /// clients of the other backends keep theirs) or puts it back, in every group that has it. Returns once the change
    /// holds for new requests; requests already sent to the backend finish there. Throws <see cref="TopologyException"/>
    /// when no group has that backend or the balancer does not take the change in time.
    /// </summary>
    Task SetInRotationAsync(IPEndPoint backend, bool inRotation, CancellationToken cancellationToken);
}
