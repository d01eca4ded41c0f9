using SessionLab.Measurement.Processes;
using SessionLab.Topology.LoadBalancing;
using SessionLab.Topology.Stores;

namespace SessionLab.Topology;

/// <summary>
/// Picks the engines honestly: <c>auto</c> takes the real nginx / redis-server when installed, the embedded YARP / Garnet
/// otherwise, and an explicit choice that cannot run here is an error, never a silent substitute.
/// </summary>
internal sealed class EngineResolver(IEnumerable<ILoadBalancerEngine> balancers)
{
    private readonly Dictionary<string, ILoadBalancerEngine> _balancers = balancers.ToDictionary(b => b.Name, StringComparer.OrdinalIgnoreCase);

    public ILoadBalancerEngine ResolveLoadBalancer(string choice)
    {
        if (choice.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return _balancers.TryGetValue("nginx", out var nginx) && nginx.CheckAvailability().IsAvailable ? nginx : Get("yarp");
        }

        var engine = Get(choice);
        var availability = engine.CheckAvailability();
        return availability.IsAvailable ? engine : throw new TopologyException($"--lb {choice}: {availability.Reason}");
    }

    /// <param name="choice">The <c>--redis</c> value.</param>
    /// <param name="note">Told why <c>auto</c> fell back to Garnet although a <c>redis-server</c> is installed.</param>
    public static IStoreEngine ResolveStore(string choice, Action<string>? note = null)
    {
        switch (choice.ToLowerInvariant())
        {
            case "auto":
                var system = new RedisServerEngine();
                var systemAvailability = system.CheckAvailability();
                if (systemAvailability.IsAvailable)
                {
                    return system;
                }

                if (AutoFallbackNote(systemAvailability, installed: Executables.Find("redis-server") is not null) is { } fallback)
                {
                    note?.Invoke(fallback);
                }

                return new GarnetEngine();
            case "system" or "redis-server":
                var redis = new RedisServerEngine();
                var availability = redis.CheckAvailability();
                return availability.IsAvailable ? redis : throw new TopologyException($"--redis system: {availability.Reason}");
            case "garnet":
                return new GarnetEngine();
            case "sentinel":
                var sentinel = new SessionLab.Topology.Stores.Sentinel.SentinelEngine();
                var sentinelAvailability = sentinel.CheckAvailability();
                return sentinelAvailability.IsAvailable ? sentinel : throw new TopologyException($"--redis sentinel: {sentinelAvailability.Reason}");
            case "cluster":
                var cluster = new SessionLab.Topology.Stores.Cluster.ClusterEngine();
                var clusterAvailability = cluster.CheckAvailability();
                return clusterAvailability.IsAvailable ? cluster : throw new TopologyException($"--redis cluster: {clusterAvailability.Reason}");
            default:
                // Anything else is a StackExchange.Redis configuration string: host:port, Sentinel or Cluster.
                return new ExternalStoreEngine(choice);
        }
    }

    /// <summary>
    /// What <c>--redis auto</c> says when it takes Garnet although a <c>redis-server</c> is installed (one that cannot
    /// run, e.g. a broken install first on PATH): a silent substitute would leave the user thinking the real engine ran.
    /// Null when the system engine runs, or is simply not installed (Garnet is then the documented default).
    /// </summary>
    internal static string? AutoFallbackNote(EngineAvailability system, bool installed) =>
        system.IsAvailable || !installed ? null : $"--redis auto: {system.Reason}; using the embedded Garnet instead";

    private ILoadBalancerEngine Get(string name) =>
        _balancers.TryGetValue(name, out var engine)
            ? engine
            : throw new TopologyException($"Unknown load balancer '{name}'; choose auto, {string.Join(", ", _balancers.Keys)}.");
}
