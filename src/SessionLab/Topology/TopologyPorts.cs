using SessionLab.Topology.Stores.Cluster;
using SessionLab.Topology.Stores.Sentinel;

namespace SessionLab.Topology;

/// <summary>
/// The plan's ports (SPEC §2), shiftable as one block so a second lab (e.g. the tests) can run beside a developer's own.
/// </summary>
/// <param name="Offset">Added to every port; 0 gives the plan's ports.</param>
internal sealed record TopologyPorts(int Offset = 0)
{
    public int StickyBalancer => 8080 + Offset;

    public int RedisBalancer => 8090 + Offset;

    public int JwtBalancer => 8100 + Offset;

    public int Store => 6379 + Offset;

    /// <summary>Baseline: ASP.NET Core session middleware behind round robin (beyond the plan; group 4 only).</summary>
    public int AspNetSessionBalancer => 8110 + Offset;

    /// <summary>Baseline: ASP.NET Core JwtBearer behind round robin (beyond the plan; group 4 only).</summary>
    public int JwtBearerBalancer => 8120 + Offset;

    /// <summary>
    /// Extra backend <paramref name="index"/> (1–9) an experiment starts beside the topology (e.g. a JWT backend that
    /// fails open, or one whose Redis sits behind a latency proxy): 8131–8139, free in the plan's port map.
    /// </summary>
    public int ExtraBackend(int index) => index is >= 1 and <= 9
        ? 8130 + index + Offset
        : throw new ArgumentOutOfRangeException(nameof(index), index, "An experiment can start at most nine extra backends.");

    /// <summary>
    /// Extra store <paramref name="index"/> (1–9) or the latency proxy an experiment starts: 6380–6388 (6379 is the plan's store).
    /// </summary>
    public int ExtraStore(int index) => index is >= 1 and <= 9
        ? 6379 + index + Offset
        : throw new ArgumentOutOfRangeException(nameof(index), index, "An experiment can start at most nine extra stores.");

    /// <summary>
    /// Node <paramref name="index"/> (1–6) of a replicated store (<c>--redis sentinel</c>: node-1 … node-3): 6441–6446.
    /// The replicated stores' block, 6441–6466 (with <see cref="ClusterNode"/>), sits where no other lab's ports land when labs are shifted by whole
    /// hundreds (the tests' offsets): its ports end in 41–66, the plan's in 79–88 and 80–39.
    /// </summary>
    public int StoreNode(int index) => index is >= 1 and <= 6
        ? 6440 + index + Offset
        : throw new ArgumentOutOfRangeException(nameof(index), index, "A replicated store has at most six nodes.");

    /// <summary>Sentinel <paramref name="index"/> (1–3) of <c>--redis sentinel</c>: 6451–6453 (not Redis's 26379, which a lab shifted by 20000 would take as its store).</summary>
    public int Sentinel(int index) => index is >= 1 and <= 3
        ? 6450 + index + Offset
        : throw new ArgumentOutOfRangeException(nameof(index), index, "The lab runs three Sentinels.");

    /// <summary>
    /// Node <paramref name="index"/> (1–6) of <c>--redis cluster</c>: 6461–6466, beside the Sentinel block so both
    /// engines can run at once (6.8 starts a Sentinel group beside a cluster topology and 6.9 a cluster beside any other).
    /// Redis Cluster also takes each node's bus port, its port + 10000 (16461–16466).
    /// </summary>
    public int ClusterNode(int index) => index is >= 1 and <= 6
        ? 6460 + index + Offset
        : throw new ArgumentOutOfRangeException(nameof(index), index, "The lab's cluster has six nodes.");

    /// <summary>The lowest port the lab may take: the plan's store (6379).</summary>
    public int Lowest => Store;

    /// <summary>The highest port of the balancers and backends: the last extra backend (8139).</summary>
    public int Highest => ExtraBackend(9);

    /// <summary>
    /// The highest port the lab may take at all: a cluster node's bus port (16466), since 6.9 starts a cluster beside any
    /// topology. An offset must keep it a valid port.
    /// </summary>
    public int HighestOfAll => new[] { Highest, ExtraStore(9) }.Concat(SentinelGroup()).Concat(ClusterNodes().Select(p => p + ClusterEngine.BusPortOffset)).Max();

    /// <summary>
    /// The ranges the lab listens on, for help texts and messages: "8080–8139 and 6379–6388; with --redis sentinel
    /// 6441–6443 and 6451–6453; with --redis cluster 6461–6466 and bus ports 16461–16466". The replicated stores' ports
    /// are the engines' own, so the text follows any change to them.
    /// </summary>
    public string Ranges => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{StickyBalancer}–{Highest} and {Store}–{ExtraStore(9)}; with --redis sentinel {PortRuns.Describe(SentinelGroup())}; with --redis cluster {PortRuns.Describe(ClusterNodes())} and bus ports {PortRuns.Describe(ClusterNodes().Select(p => p + ClusterEngine.BusPortOffset))}");

    /// <summary>The ports of <c>--redis sentinel</c>: its nodes, then its Sentinels (the engine's own list).</summary>
    public IEnumerable<int> SentinelGroup() => new SentinelEngine().Ports(this);

    /// <summary>The nodes of <c>--redis cluster</c>, without their bus ports.</summary>
    public IEnumerable<int> ClusterNodes() => Enumerable.Range(1, ClusterSettings.Nodes).Select(ClusterNode);

    /// <summary>Backend <paramref name="index"/> (1-based) of a group whose balancer listens on <paramref name="balancerPort"/>.</summary>
    public static int Backend(int balancerPort, int index) => balancerPort + index;

    /// <summary>The ports experiments may take for extra backends and stores (checked when taken, not at start-up).</summary>
    public IEnumerable<int> Extras() => Enumerable.Range(1, 9).SelectMany(i => new[] { ExtraBackend(i), ExtraStore(i) });

    /// <summary>Every port the lab listens on (the <see cref="TopologyPlan"/>'s), for the pre-flight check.</summary>
    public IEnumerable<int> All(bool includeStore, bool includeBaselines = false) =>
        TopologyPlan.For(this, includeBaselines).Ports(includeStore);
}
