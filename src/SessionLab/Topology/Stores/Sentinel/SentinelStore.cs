using System.Globalization;

namespace SessionLab.Topology.Stores.Sentinel;

/// <summary>
/// The running Sentinel group. Roles come from the Sentinels (<c>SENTINEL get-master-addr-by-name</c>), never from the
/// lab's memory of what it started, since a failover moves the primary without telling the lab.
/// </summary>
internal sealed class SentinelStore : IReplicatedStore
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(500);

    private readonly string _version;
    private readonly SentinelSettings _settings;
    private readonly IReadOnlyList<StoreMember> _members;
    private readonly TimeSpan _readyTimeout;

    public SentinelStore(string version, SentinelSettings settings, IReadOnlyList<StoreMember> members, TimeSpan readyTimeout)
    {
        _version = version;
        _settings = settings;
        _members = members;
        _readyTimeout = readyTimeout;
        Configuration = SentinelConfig.ClientConfiguration(members.Where(m => m.IsSentinel).Select(m => m.Port), settings.ServiceName);
    }

    public string Description => $"Redis Sentinel (redis-server {_version}: 1 primary, {SentinelSettings.Replicas} replicas, {SentinelSettings.Sentinels} Sentinels)";

    public string Configuration { get; }

    public string Settings => string.Create(
        CultureInfo.InvariantCulture,
        $"service {_settings.ServiceName}, quorum {_settings.Quorum} of {SentinelSettings.Sentinels}, down-after-milliseconds {_settings.DownAfter.TotalMilliseconds:0} (Redis default {SentinelSettings.RedisDefaultDownAfter.TotalMilliseconds:0}), failover-timeout {_settings.FailoverTimeout.TotalMilliseconds:0} (Redis default {SentinelSettings.RedisDefaultFailoverTimeout.TotalMilliseconds:0}), asynchronous replication, no persistence");

    public StorePersistence Persistence => StorePersistence.None;

    /// <summary>The Sentinels' <c>down-after-milliseconds</c>.</summary>
    public TimeSpan DownAfter => _settings.DownAfter;

    public int? ProcessId => Primary()?.ProcessId;

    public IReadOnlyList<int> ProcessIds => [.. _members.Select(m => m.ProcessId).OfType<int>()];

    public bool IsRunning => Primary() is { IsRunning: true };

    public bool CanBeControlled => true;

    public string? PrimaryName => Primary()?.Name;

    private IEnumerable<StoreMember> DataNodes => _members.Where(m => !m.IsSentinel);

    private IEnumerable<StoreMember> Sentinels => _members.Where(m => m.IsSentinel);

    internal async Task StartAllAsync(CancellationToken cancellationToken)
    {
        // The primary first, so the replicas' first sync finds it; the Sentinels last, so they find the replicas.
        foreach (var member in _members.Where(m => !m.IsRunning))
        {
            await member.StartAsync(_readyTimeout, cancellationToken);
        }
    }

    public IReadOnlyList<StoreNodeState> Nodes()
    {
        var primary = PrimaryPort();
        return
        [
            .. _members.Select(m => new StoreNodeState(
                m.Name,
                m.Port,
                m.IsSentinel ? $"redis-sentinel {_version}" : $"redis-server {_version}",
                m.IsRunning ? m.ProcessId : null,
                m.IsRunning,
                m.IsSentinel ? "sentinel" : m.Port == primary ? "primary" : "replica")),
        ];
    }

    public async Task KillAsync() => await KillNodeAsync("primary");

    public async Task RestartAsync(CancellationToken cancellationToken) => await StartAllAsync(cancellationToken);

    public async Task<string> KillNodeAsync(string name)
    {
        var member = Find(name);
        return await member.KillReportingAsync(member.IsSentinel ? "sentinel" : member.Port == PrimaryPort() ? "primary" : "replica");
    }

    public async Task<string> StartNodeAsync(string name, CancellationToken cancellationToken) =>
        await Find(name).StartReportingAsync(_readyTimeout, cancellationToken);

    public Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        StoreHealth.WaitAsync(HealthProblem, "The Sentinel group", timeout, cancellationToken);

    public Task<FailoverWatch> WatchFailoverAsync(CancellationToken cancellationToken) =>
        FailoverWatch.StartAsync(Sentinels.Where(s => s.IsRunning).Select(s => s.Port), cancellationToken);

    /// <summary>Why the group is not ready for a failover; empty when it is.</summary>
    internal string HealthProblem()
    {
        if (_members.FirstOrDefault(m => !m.IsRunning) is { } down)
        {
            return $"{down.Name} is not running";
        }

        var views = Sentinels.Select(s => (s.Name, Primary: PrimaryPortSeenBy(s.Port))).ToList();
        if (views.Select(v => v.Primary).Distinct().Count() != 1 || views[0].Primary is not { } primary)
        {
            return "the Sentinels do not agree on the primary (" + string.Join(", ", views.Select(v => $"{v.Name}: {v.Primary?.ToString(CultureInfo.InvariantCulture) ?? "none"}")) + ")";
        }

        foreach (var node in DataNodes.Where(n => n.Port != primary))
        {
            var info = RespClient.TryCall(node.Port, ProbeTimeout, "INFO", "replication") as string ?? string.Empty;
            if (!info.Contains("role:slave", StringComparison.Ordinal)
                || !info.Contains($"master_port:{primary.ToString(CultureInfo.InvariantCulture)}\r", StringComparison.Ordinal)
                || !info.Contains("master_link_status:up", StringComparison.Ordinal))
            {
                return $"{node.Name} is not yet a linked replica of the primary on {primary.ToString(CultureInfo.InvariantCulture)}";
            }
        }

        foreach (var sentinel in Sentinels)
        {
            var master = Fields(RespClient.TryCall(sentinel.Port, ProbeTimeout, "SENTINEL", "master", _settings.ServiceName));
            if (master.GetValueOrDefault("flags") != "master")
            {
                return $"{sentinel.Name} flags the primary {master.GetValueOrDefault("flags") ?? "(no answer)"}";
            }

            if (master.GetValueOrDefault("num-other-sentinels") != (SentinelSettings.Sentinels - 1).ToString(CultureInfo.InvariantCulture))
            {
                return $"{sentinel.Name} knows {master.GetValueOrDefault("num-other-sentinels") ?? "no"} other Sentinels";
            }

            if (!int.TryParse(master.GetValueOrDefault("num-slaves"), CultureInfo.InvariantCulture, out var replicas) || replicas < SentinelSettings.Replicas)
            {
                return $"{sentinel.Name} knows {master.GetValueOrDefault("num-slaves") ?? "no"} replicas";
            }
        }

        return string.Empty;
    }

    private StoreMember Find(string name)
    {
        var wanted = StoreMember.Unprefixed(name);
        if (wanted.Equals("primary", StringComparison.OrdinalIgnoreCase) || wanted.Equals("master", StringComparison.OrdinalIgnoreCase))
        {
            return Primary() ?? throw new TopologyException("No Sentinel names a primary right now.");
        }

        if (wanted.Equals("replica", StringComparison.OrdinalIgnoreCase))
        {
            var primary = PrimaryPort();
            return DataNodes.FirstOrDefault(n => n.IsRunning && n.Port != primary) ?? throw new TopologyException("No replica is running.");
        }

        return StoreMember.ByNameOrPort(_members, wanted, name, "primary, replica");
    }

    private StoreMember? Primary() => PrimaryPort() is { } port ? DataNodes.FirstOrDefault(n => n.Port == port) : null;

    /// <summary>The primary's port as the first running Sentinel that answers names it.</summary>
    private int? PrimaryPort() => Sentinels.Where(s => s.IsRunning).Select(s => PrimaryPortSeenBy(s.Port)).FirstOrDefault(p => p is not null);

    private int? PrimaryPortSeenBy(int sentinelPort) =>
        RespClient.TryCall(sentinelPort, ProbeTimeout, "SENTINEL", "get-master-addr-by-name", _settings.ServiceName) is object?[] { Length: 2 } address
        && int.TryParse(address[1] as string, CultureInfo.InvariantCulture, out var port)
            ? port
            : null;

    /// <summary>A flat RESP array of field/value pairs (<c>SENTINEL master</c>) as a dictionary.</summary>
    internal static Dictionary<string, string> Fields(object? reply)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reply is object?[] items)
        {
            for (var i = 0; i + 1 < items.Length; i += 2)
            {
                if (items[i] is string key && items[i + 1] is string value)
                {
                    fields[key] = value;
                }
            }
        }

        return fields;
    }

    public async ValueTask DisposeAsync()
    {
        // Sentinels first, so none starts a failover while the data nodes stop.
        foreach (var member in _members.Reverse())
        {
            await member.KillAsync();
        }
    }
}
