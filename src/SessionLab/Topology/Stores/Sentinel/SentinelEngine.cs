using SessionLab.Measurement.Processes;
using SessionLab.Topology.LoadBalancing;
using SessionLab.Topology.Processes;

namespace SessionLab.Topology.Stores.Sentinel;

/// <summary>
/// <c>--redis sentinel</c>: Redis as production runs it for failover, one primary (node-1), two replicas (node-2,
/// node-3) and three Sentinels, each a child process of the lab on the replicated store's ports
/// (<see cref="TopologyPorts.StoreNode"/>, <see cref="TopologyPorts.Sentinel"/>), configs written into the run folder.
/// The backends get the Sentinels' addresses and the service name, and follow a failover by themselves.
/// </summary>
internal sealed class SentinelEngine(SentinelSettings settings) : IStoreEngine
{
    public SentinelEngine()
        : this(new SentinelSettings())
    {
    }

    public string Name => "sentinel";

    public SentinelSettings Settings => settings;

    public IStoreEngine SingleNodeEngine { get; } = new RedisServerEngine();

    public EngineAvailability CheckAvailability()
    {
        var server = SingleNodeEngine.CheckAvailability();
        if (!server.IsAvailable)
        {
            return server with { Reason = $"--redis sentinel runs redis-server: {server.Reason}" };
        }

        return Executables.Find("redis-sentinel") is null
            ? new EngineAvailability(false, string.Empty, "redis-sentinel is not installed (apt-get install redis-sentinel): --redis sentinel needs it")
            : server;
    }

    public IEnumerable<int> Ports(TopologyPorts ports) =>
        Enumerable.Range(1, 1 + SentinelSettings.Replicas).Select(ports.StoreNode)
            .Concat(Enumerable.Range(1, SentinelSettings.Sentinels).Select(ports.Sentinel));

    public async Task<IRunningStore> StartAsync(StoreInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var availability = CheckAvailability();
        if (!availability.IsAvailable)
        {
            throw new TopologyException(availability.Reason!);
        }

        if (instance.Persistence != StorePersistence.None)
        {
            throw new TopologyException($"--redis sentinel runs its nodes in memory only; it cannot give {instance.Persistence}.");
        }

        var folder = Directory.CreateDirectory(Path.Combine(instance.RunFolder, instance.Name ?? "sentinel")).FullName;
        var members = new List<StoreMember>();
        var primaryPort = instance.Ports.StoreNode(1);
        for (var i = 1; i <= 1 + SentinelSettings.Replicas; i++)
        {
            var port = instance.Ports.StoreNode(i);
            var name = $"node-{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            var data = Directory.CreateDirectory(Path.Combine(folder, name)).FullName;
            var config = Path.Combine(folder, $"{name}.conf");
            File.WriteAllText(config, SentinelConfig.Node(port, data, i == 1 ? null : primaryPort));
            members.Add(new StoreMember(name, port, false, new ProcessSpec(Executables.Find("redis-server")!, [config]), Path.Combine(folder, $"{name}.log")));
        }

        for (var i = 1; i <= SentinelSettings.Sentinels; i++)
        {
            var port = instance.Ports.Sentinel(i);
            var name = $"sentinel-{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            var config = Path.Combine(folder, $"{name}.conf");
            File.WriteAllText(config, SentinelConfig.Sentinel(port, folder, primaryPort, settings));
            members.Add(new StoreMember(name, port, true, new ProcessSpec(Executables.Find("redis-sentinel")!, [config]), Path.Combine(folder, $"{name}.log")));
        }

        var store = new SentinelStore(availability.Version, settings, members, instance.ReadyTimeout);
        try
        {
            await store.StartAllAsync(cancellationToken);
            await store.WaitHealthyAsync(instance.ReadyTimeout, cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }
}
