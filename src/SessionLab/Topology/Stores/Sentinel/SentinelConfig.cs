using System.Globalization;

namespace SessionLab.Topology.Stores.Sentinel;

/// <summary>
/// The config files of the lab's Sentinel group, written into the run folder (both programs rewrite them: a replica
/// promoted by Sentinel loses its <c>replicaof</c>, a Sentinel records what it learned), so a node or Sentinel
/// started again resumes where the group left it.
/// </summary>
internal static class SentinelConfig
{
    /// <summary>A data node on <paramref name="port"/>, a replica of <paramref name="primaryPort"/> when given.</summary>
    public static string Node(int port, string dataFolder, int? primaryPort)
    {
        var text = RedisConfigText.DataNode(port, dataFolder);
        if (primaryPort is { } primary)
        {
            text.Line(FormattableString.Invariant($"replicaof 127.0.0.1 {primary}"));
        }

        return text.ToString();
    }

    /// <summary>A Sentinel on <paramref name="port"/> monitoring the primary on <paramref name="primaryPort"/>.</summary>
    public static string Sentinel(int port, string dataFolder, int primaryPort, SentinelSettings settings)
    {
        var name = settings.ServiceName;
        return RedisConfigText.Listening(port, dataFolder)
            .Line(FormattableString.Invariant($"sentinel monitor {name} 127.0.0.1 {primaryPort} {settings.Quorum}"))
            .Line(FormattableString.Invariant($"sentinel down-after-milliseconds {name} {(long)settings.DownAfter.TotalMilliseconds}"))
            .Line(FormattableString.Invariant($"sentinel failover-timeout {name} {(long)settings.FailoverTimeout.TotalMilliseconds}"))
            .Line(FormattableString.Invariant($"sentinel parallel-syncs {name} 1"))
            .ToString();
    }

    /// <summary>The backends' StackExchange.Redis configuration: the Sentinels and the service name, no password.</summary>
    public static string ClientConfiguration(IEnumerable<int> sentinelPorts, string serviceName) =>
        string.Join(',', sentinelPorts.Select(p => $"127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}")) + $",serviceName={serviceName}";
}
