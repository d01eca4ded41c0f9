namespace SessionLab.Topology.LoadBalancing;

/// <summary>
/// How a load balancer stops sending to a dead backend, for both engines alike:
/// nginx <c>max_fails</c>/<c>fail_timeout</c>, YARP passive health checks with the same numbers.
/// </summary>
internal sealed class PassiveHealthOptions
{
    /// <summary>Failed attempts within <see cref="FailTimeout"/> after which a backend is taken out. nginx default 1.</summary>
    public int MaxFails { get; set; } = 1;

    /// <summary>Window for counting failures, and how long a failed backend stays out. nginx default 10 s.</summary>
    public TimeSpan FailTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Connect timeout to a backend; on loopback a dead one refuses at once, so this only matters for a hung one.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long an idle kept-alive connection to a backend is kept (nginx <c>keepalive_timeout</c> in the upstream,
    /// YARP's pooled connection idle timeout). Shorter than the backends' drain (Server:DrainTime, 1.5 s), so by the time
    /// a stopping backend closes its connections the balancer has dropped every idle one itself. Default 1 s.
    /// </summary>
    public TimeSpan KeepaliveTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
