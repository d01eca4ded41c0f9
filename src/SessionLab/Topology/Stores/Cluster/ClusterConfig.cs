using System.Globalization;
using System.Text;

namespace SessionLab.Topology.Stores.Cluster;

/// <summary>
/// The config files of the lab's cluster nodes, written into the run folder. Each node keeps its view of the cluster in
/// its own <c>cluster-config-file</c> (Redis rewrites it on every change), so a node killed and started again rejoins
/// the cluster it left, as a replica of whoever was promoted in its place.
/// </summary>
internal static class ClusterConfig
{
    /// <summary>
    /// A cluster node on <paramref name="port"/>: memory only (no RDB, no AOF, as the lab's single store), its node file
    /// in <paramref name="dataFolder"/>. <c>repl-diskless-sync</c> with no delay, so a replica (re)joins at once.
    /// </summary>
    public static string Node(int port, string dataFolder, ClusterSettings settings)
    {
        var text = new StringBuilder();
        Line(text, $"port {port.ToString(CultureInfo.InvariantCulture)}");
        Line(text, "bind 127.0.0.1");
        Line(text, "save \"\"");
        Line(text, "appendonly no");
        Line(text, $"dir {dataFolder}");
        Line(text, "daemonize no");
        Line(text, "cluster-enabled yes");
        Line(text, "cluster-config-file nodes.conf");
        Line(text, $"cluster-node-timeout {((long)settings.NodeTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}");
        // The lab's clients are on loopback: announce 127.0.0.1, never a guessed interface address.
        Line(text, "cluster-announce-ip 127.0.0.1");
        Line(text, "repl-diskless-sync yes");
        Line(text, "repl-diskless-sync-delay 0");
        return text.ToString();
    }

    /// <summary>The backends' StackExchange.Redis configuration: every node as a seed (the client discovers the slots itself).</summary>
    public static string ClientConfiguration(IEnumerable<int> nodePorts) =>
        string.Join(',', nodePorts.Select(p => $"127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>The arguments of <c>redis-cli --cluster create</c>: the first three nodes become primaries, the others their replicas.</summary>
    public static IReadOnlyList<string> CreateArguments(IEnumerable<int> nodePorts) =>
        ["--cluster", "create", .. nodePorts.Select(p => $"127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}"), "--cluster-replicas", ClusterSettings.ReplicasPerPrimary.ToString(CultureInfo.InvariantCulture), "--cluster-yes"];

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
