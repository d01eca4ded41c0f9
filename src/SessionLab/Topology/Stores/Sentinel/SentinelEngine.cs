using System.Globalization;
using SessionLab.Measurement.Processes;
using SessionLab.Topology.LoadBalancing;

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

    public EngineAvailability CheckAvailability() =>
        ReplicatedEngine.Availability(SingleNodeEngine, "--redis sentinel", "redis-sentinel", "redis-sentinel", "needs it");

    public IEnumerable<int> Ports(TopologyPorts ports) =>
        Enumerable.Range(1, 1 + SentinelSettings.Replicas).Select(ports.StoreNode)
            .Concat(Enumerable.Range(1, SentinelSettings.Sentinels).Select(ports.Sentinel));

    public async Task<IRunningStore> StartAsync(StoreInstance instance, CancellationToken cancellationToken)
    {
        var availability = CheckAvailability();
        ReplicatedEngine.EnsureStartable(availability, instance, "--redis sentinel");

        var folder = Directory.CreateDirectory(Path.Combine(instance.RunFolder, instance.Name ?? "sentinel")).FullName;
        var members = new List<StoreMember>();
        var primaryPort = instance.Ports.StoreNode(1);
        for (var i = 1; i <= 1 + SentinelSettings.Replicas; i++)
        {
            var port = instance.Ports.StoreNode(i);
            var name = $"node-{i.ToString(CultureInfo.InvariantCulture)}";
            var data = Directory.CreateDirectory(Path.Combine(folder, name)).FullName;
            members.Add(await StoreMember.WriteAsync(name, port, false, Executables.Find("redis-server")!, folder, SentinelConfig.Node(port, data, i == 1 ? null : primaryPort), cancellationToken));
        }

        for (var i = 1; i <= SentinelSettings.Sentinels; i++)
        {
            var port = instance.Ports.Sentinel(i);
            var name = $"sentinel-{i.ToString(CultureInfo.InvariantCulture)}";
            members.Add(await StoreMember.WriteAsync(name, port, true, Executables.Find("redis-sentinel")!, folder, SentinelConfig.Sentinel(port, folder, primaryPort, settings), cancellationToken));
        }

        return await ReplicatedEngine.StartOrStopAsync(new SentinelStore(availability.Version, settings, members, instance.ReadyTimeout), async store =>
        {
            await store.StartAllAsync(cancellationToken);
            await store.WaitHealthyAsync(instance.ReadyTimeout, cancellationToken);
        });
    }
}
