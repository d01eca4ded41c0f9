using System.Globalization;

namespace SessionLab.Topology.Stores.Cluster;

/// <summary>
/// The config files of the lab's cluster nodes, written into the run folder. Each node keeps its view of the cluster in
/// its own <c>cluster-config-file</c> (Redis rewrites it on every change), so a node killed and started again rejoins
/// the cluster it left, as a replica of whoever was promoted in its place.
/// </summary>
internal static class ClusterConfig
{
    /// <summary>A cluster node on <paramref name="port"/>, its node file in <paramref name="dataFolder"/>.</summary>
    public static string Node(int port, string dataFolder, ClusterSettings settings) =>
        RedisConfigText.DataNode(port, dataFolder)
            .Line("cluster-enabled yes")
            .Line("cluster-config-file nodes.conf")
            .Line(FormattableString.Invariant($"cluster-node-timeout {(long)settings.NodeTimeout.TotalMilliseconds}"))
            // The lab's clients are on loopback: announce 127.0.0.1, never a guessed interface address.
            .Line("cluster-announce-ip 127.0.0.1")
            .ToString();

    /// <summary>The backends' StackExchange.Redis configuration: every node as a seed (the client discovers the slots itself).</summary>
    public static string ClientConfiguration(IEnumerable<int> nodePorts) =>
        string.Join(',', nodePorts.Select(p => $"127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>The arguments of <c>redis-cli --cluster create</c>: the first three nodes become primaries, the others their replicas.</summary>
    public static IReadOnlyList<string> CreateArguments(IEnumerable<int> nodePorts) =>
        ["--cluster", "create", .. nodePorts.Select(p => $"127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}"), "--cluster-replicas", ClusterSettings.ReplicasPerPrimary.ToString(CultureInfo.InvariantCulture), "--cluster-yes"];
}
