using System.Globalization;
using System.Text;

namespace SessionLab.Topology.Stores.Sentinel;

/// <summary>
/// The config files of the lab's Sentinel group, written into the run folder (both programs rewrite them: a replica
/// promoted by Sentinel loses its <c>replicaof</c>, a Sentinel records what it learned), so a node or Sentinel
/// started again resumes where the group left it.
/// </summary>
internal static class SentinelConfig
{
    /// <summary>
    /// A data node on <paramref name="port"/>: memory only (no RDB, no AOF, as the lab's single store), a replica of
    /// <paramref name="primaryPort"/> when given. <c>repl-diskless-sync</c> with no delay, so a replica (re)joins at once.
    /// </summary>
    public static string Node(int port, string dataFolder, int? primaryPort)
    {
        var text = new StringBuilder();
        Line(text, $"port {port}");
        Line(text, "bind 127.0.0.1");
        Line(text, "save \"\"");
        Line(text, "appendonly no");
        Line(text, $"dir {dataFolder}");
        Line(text, "daemonize no");
        Line(text, "repl-diskless-sync yes");
        Line(text, "repl-diskless-sync-delay 0");
        if (primaryPort is { } primary)
        {
            Line(text, $"replicaof 127.0.0.1 {primary}");
        }

        return text.ToString();
    }

    /// <summary>A Sentinel on <paramref name="port"/> monitoring the primary on <paramref name="primaryPort"/>.</summary>
    public static string Sentinel(int port, string dataFolder, int primaryPort, SentinelSettings settings)
    {
        var text = new StringBuilder();
        var name = settings.ServiceName;
        Line(text, $"port {port}");
        Line(text, "bind 127.0.0.1");
        Line(text, "daemonize no");
        Line(text, $"dir {dataFolder}");
        Line(text, $"sentinel monitor {name} 127.0.0.1 {primaryPort} {settings.Quorum}");
        Line(text, $"sentinel down-after-milliseconds {name} {(long)settings.DownAfter.TotalMilliseconds}");
        Line(text, $"sentinel failover-timeout {name} {(long)settings.FailoverTimeout.TotalMilliseconds}");
        Line(text, $"sentinel parallel-syncs {name} 1");
        return text.ToString();
    }

    /// <summary>The backends' StackExchange.Redis configuration: the Sentinels and the service name, no password.</summary>
    public static string ClientConfiguration(IEnumerable<int> sentinelPorts, string serviceName) =>
        string.Join(',', sentinelPorts.Select(p => $"127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}")) + $",serviceName={serviceName}";

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
