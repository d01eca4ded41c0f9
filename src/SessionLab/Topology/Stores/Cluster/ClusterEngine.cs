using System.Globalization;
using SessionLab.Measurement.Processes;
using SessionLab.Topology.LoadBalancing;

namespace SessionLab.Topology.Stores.Cluster;

/// <summary>
/// <c>--redis cluster</c>: Redis Cluster as production runs it for scale and failover, three primaries and three
/// replicas (node-1 … node-6, each a child process of the lab on <see cref="TopologyPorts.ClusterNode"/>), configs in
/// the run folder, created by <c>redis-cli --cluster create</c>. The backends get every node as a seed and follow
/// redirections (MOVED, and a failover) by themselves.
/// </summary>
internal sealed class ClusterEngine(ClusterSettings settings) : IStoreEngine
{
    public ClusterEngine()
        : this(new ClusterSettings())
    {
    }

    public string Name => "cluster";

    public ClusterSettings Settings => settings;

    public IStoreEngine SingleNodeEngine { get; } = new RedisServerEngine();

    public EngineAvailability CheckAvailability() =>
        ReplicatedEngine.Availability(SingleNodeEngine, "--redis cluster", "redis-cli", "redis-tools", "creates the cluster with it");

    /// <summary>The nodes' ports and their cluster bus ports (port + 10000), which Redis Cluster takes too.</summary>
    public IEnumerable<int> Ports(TopologyPorts ports)
    {
        var nodes = Enumerable.Range(1, ClusterSettings.Nodes).Select(ports.ClusterNode).ToList();
        return nodes.Concat(nodes.Select(p => p + BusPortOffset));
    }

    /// <summary>Redis Cluster's bus port is the node's port + 10000 unless <c>cluster-port</c> says otherwise.</summary>
    public const int BusPortOffset = 10000;

    public async Task<IRunningStore> StartAsync(StoreInstance instance, CancellationToken cancellationToken)
    {
        var availability = CheckAvailability();
        ReplicatedEngine.EnsureStartable(availability, instance, "--redis cluster");
        if (instance.Ports.ClusterNode(ClusterSettings.Nodes) + BusPortOffset > 65535)
        {
            throw new TopologyException($"--redis cluster needs its nodes' bus ports (port + {BusPortOffset.ToString(CultureInfo.InvariantCulture)}) below 65536; --port-offset {instance.Ports.Offset.ToString(CultureInfo.InvariantCulture)} puts them past it.");
        }

        var folder = Directory.CreateDirectory(Path.Combine(instance.RunFolder, instance.Name ?? "cluster")).FullName;
        var members = new List<StoreMember>();
        for (var i = 1; i <= ClusterSettings.Nodes; i++)
        {
            var port = instance.Ports.ClusterNode(i);
            var name = $"node-{i.ToString(CultureInfo.InvariantCulture)}";
            var data = Directory.CreateDirectory(Path.Combine(folder, name)).FullName;
            members.Add(await StoreMember.WriteAsync(name, port, false, Executables.Find("redis-server")!, folder, ClusterConfig.Node(port, data, settings), cancellationToken));
        }

        return await ReplicatedEngine.StartOrStopAsync(new ClusterStore(availability.Version, settings, members, instance.ReadyTimeout), async store =>
        {
            await store.StartAllAsync(cancellationToken);
            await store.CreateAsync(Executables.Find("redis-cli")!, Path.Combine(folder, "create.log"), cancellationToken);
            await store.WaitHealthyAsync(instance.ReadyTimeout + settings.CreateTimeout, cancellationToken);
        });
    }
}
