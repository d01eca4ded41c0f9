using System.Globalization;
using SessionLab.Topology.Processes;

namespace SessionLab.Topology.Stores.Cluster;

/// <summary>
/// The running Redis Cluster: six nodes, three of them primaries. Roles and slots come from the cluster itself
/// (<c>CLUSTER NODES</c>), never from the lab's memory of what it created, since a failover moves a shard's primary
/// without telling the lab. <c>primary</c> names the primary of the first shard (the one serving slot 0),
/// <c>primary-2</c> and <c>primary-3</c> those of the others in slot order, <c>replica</c> the first running replica.
/// </summary>
internal sealed class ClusterStore : IReplicatedStore
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly string _version;
    private readonly ClusterSettings _settings;
    private readonly IReadOnlyList<StoreMember> _members;
    private readonly TimeSpan _readyTimeout;

    public ClusterStore(string version, ClusterSettings settings, IReadOnlyList<StoreMember> members, TimeSpan readyTimeout)
    {
        _version = version;
        _settings = settings;
        _members = members;
        _readyTimeout = readyTimeout;
        Configuration = ClusterConfig.ClientConfiguration(members.Select(m => m.Port));
    }

    public string Description => string.Create(CultureInfo.InvariantCulture, $"Redis Cluster (redis-server {_version}: {ClusterSettings.Primaries} primaries, {ClusterSettings.Primaries * ClusterSettings.ReplicasPerPrimary} replicas)");

    public string Configuration { get; }

    public string Settings => string.Create(
        CultureInfo.InvariantCulture,
        $"{ClusterSettings.Primaries} shards of a primary and {ClusterSettings.ReplicasPerPrimary} replica, cluster-node-timeout {_settings.NodeTimeout.TotalMilliseconds:0} (Redis default {ClusterSettings.RedisDefaultNodeTimeout.TotalMilliseconds:0}), bus ports = port + 10000, asynchronous replication, no persistence");

    public StorePersistence Persistence => StorePersistence.None;

    /// <summary>The nodes' <c>cluster-node-timeout</c>.</summary>
    public TimeSpan NodeTimeout => _settings.NodeTimeout;

    public int? ProcessId => Primary(1)?.ProcessId;

    public IReadOnlyList<int> ProcessIds => [.. _members.Select(m => m.ProcessId).OfType<int>()];

    public bool IsRunning => Primary(1) is { IsRunning: true };

    public bool CanBeControlled => true;

    public string? PrimaryName => Primary(1)?.Name;

    internal async Task StartAllAsync(CancellationToken cancellationToken)
    {
        foreach (var member in _members.Where(m => !m.IsRunning))
        {
            await member.StartAsync(_readyTimeout, cancellationToken);
        }
    }

    /// <summary>
    /// <c>redis-cli --cluster create … --cluster-replicas 1 --cluster-yes</c> over the fresh nodes: assigns the slots to
    /// the first three and makes the others their replicas. Its output goes to <paramref name="logPath"/>.
    /// </summary>
    internal async Task CreateAsync(string redisCli, string logPath, CancellationToken cancellationToken)
    {
        await using var create = ManagedProcess.Start("redis-cli", new ProcessSpec(redisCli, ClusterConfig.CreateArguments(_members.Select(m => m.Port))), logPath);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!create.HasExited)
        {
            if (watch.Elapsed > _settings.CreateTimeout)
            {
                throw new TopologyException($"redis-cli --cluster create did not finish within {_settings.CreateTimeout.TotalSeconds:0} s; see {logPath}.");
            }

            await Task.Delay(100, cancellationToken);
        }

        if (create.ExitCode != 0)
        {
            throw new TopologyException($"redis-cli --cluster create failed (exit {create.ExitCode?.ToString(CultureInfo.InvariantCulture)}): {create.TailOfLog(1).Trim()}");
        }
    }

    public IReadOnlyList<StoreNodeState> Nodes()
    {
        var view = View();
        return [.. _members.Select(m => new StoreNodeState(m.Name, m.Port, $"redis-server {_version} (cluster)", m.IsRunning ? m.ProcessId : null, m.IsRunning, RoleOf(m, view)))];
    }

    /// <summary>"primary, slots 0-5460", "replica of node-1", "failed primary": the node's place as the cluster sees it.</summary>
    private string RoleOf(StoreMember member, ClusterView? view)
    {
        if (view?.At(member.Port) is not { } line)
        {
            return "not in the cluster";
        }

        if (line.IsPrimary)
        {
            return line.IsFailed ? $"failed primary, {line.SlotText}" : $"primary, {line.SlotText}";
        }

        var primary = view.PrimaryOf(line) is { } p ? NameOf(p.Port) : "an unknown primary";
        return line.IsFailed ? $"failed replica of {primary}" : $"replica of {primary}";
    }

    public async Task KillAsync() => await KillNodeAsync("primary");

    public async Task RestartAsync(CancellationToken cancellationToken) => await StartAllAsync(cancellationToken);

    public async Task<string> KillNodeAsync(string name)
    {
        var member = Find(name);
        return await member.KillReportingAsync(member.IsRunning ? RoleOf(member, View()) : string.Empty);
    }

    public async Task<string> StartNodeAsync(string name, CancellationToken cancellationToken) =>
        await Find(name).StartReportingAsync(_readyTimeout, cancellationToken);

    public Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        StoreHealth.WaitAsync(HealthProblem, "The cluster", timeout, cancellationToken);

    /// <summary>
    /// Redis Cluster announces no failover on a channel a client can subscribe to, so the watch polls <c>CLUSTER NODES</c>
    /// every 50 ms and completes when a node that was not a primary when it began serves slots.
    /// </summary>
    public Task<FailoverWatch> WatchFailoverAsync(CancellationToken cancellationToken)
    {
        var before = View() ?? throw new TopologyException("No cluster node answers CLUSTER NODES.");
        var primaries = before.Shards.Select(s => s.Port).ToHashSet();
        return Task.FromResult(FailoverWatch.Poll(
            () => View() is { } now && now.Shards.FirstOrDefault(s => !primaries.Contains(s.Port)) is { } promoted
                ? string.Create(CultureInfo.InvariantCulture, $"{NameOf(promoted.Port)} promoted, {promoted.SlotText}, 127.0.0.1 {promoted.Port}")
                : null,
            PollInterval));
    }

    /// <summary>The name of the node serving <paramref name="slot"/> now; null when no live primary serves it.</summary>
    public string? ShardPrimaryOf(int slot) => View()?.ShardOf(slot) is { } shard ? NameOf(shard.Port) : null;

    /// <summary>The cluster as the first running node that answers sees it; null when none answers.</summary>
    public ClusterView? View() =>
        _members.Where(m => m.IsRunning)
            .Select(m => RespClient.TryCall(m.Port, ProbeTimeout, "CLUSTER", "NODES") as string)
            .Where(text => text is not null)
            .Select(text => ClusterView.Parse(text!))
            .FirstOrDefault();

    /// <summary>Why the cluster is not ready (every slot served, every replica linked); empty when it is.</summary>
    internal string HealthProblem()
    {
        if (_members.FirstOrDefault(m => !m.IsRunning) is { } down)
        {
            return $"{down.Name} is not running";
        }

        foreach (var member in _members)
        {
            var info = RespClient.TryCall(member.Port, ProbeTimeout, "CLUSTER", "INFO") as string ?? string.Empty;
            if (!info.Contains("cluster_state:ok", StringComparison.Ordinal)
                || !info.Contains($"cluster_slots_ok:{ClusterSettings.Slots.ToString(CultureInfo.InvariantCulture)}\r", StringComparison.Ordinal)
                || !info.Contains($"cluster_known_nodes:{ClusterSettings.Nodes.ToString(CultureInfo.InvariantCulture)}\r", StringComparison.Ordinal))
            {
                return $"{member.Name} does not yet report cluster_state:ok with all {ClusterSettings.Slots.ToString(CultureInfo.InvariantCulture)} slots and {ClusterSettings.Nodes.ToString(CultureInfo.InvariantCulture)} nodes";
            }
        }

        if (View() is not { } view || view.Shards.Count != ClusterSettings.Primaries)
        {
            return $"the cluster does not show {ClusterSettings.Primaries.ToString(CultureInfo.InvariantCulture)} primaries serving slots";
        }

        foreach (var shard in view.Shards)
        {
            if (!view.Nodes.Any(n => n.PrimaryId == shard.Id && !n.IsFailed))
            {
                return $"{NameOf(shard.Port)} has no replica yet";
            }
        }

        foreach (var member in _members.Where(m => view.At(m.Port) is { IsPrimary: false }))
        {
            var info = RespClient.TryCall(member.Port, ProbeTimeout, "INFO", "replication") as string ?? string.Empty;
            if (!info.Contains("master_link_status:up", StringComparison.Ordinal))
            {
                return $"{member.Name} is not yet a linked replica";
            }
        }

        return string.Empty;
    }

    private StoreMember Find(string name)
    {
        var wanted = StoreMember.Unprefixed(name);
        if (wanted.Equals("primary", StringComparison.OrdinalIgnoreCase) || wanted.Equals("master", StringComparison.OrdinalIgnoreCase))
        {
            return Primary(1) ?? throw new TopologyException("No live primary serves slot 0 right now.");
        }

        if (wanted.StartsWith("primary-", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(wanted["primary-".Length..], CultureInfo.InvariantCulture, out var shard))
        {
            return shard is >= 1 and <= ClusterSettings.Primaries
                ? Primary(shard) ?? throw new TopologyException($"Shard {shard.ToString(CultureInfo.InvariantCulture)} has no live primary right now.")
                : throw new TopologyException($"No shard {shard.ToString(CultureInfo.InvariantCulture)}: the cluster has shards 1–{ClusterSettings.Primaries.ToString(CultureInfo.InvariantCulture)} (primary-1 … primary-{ClusterSettings.Primaries.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (wanted.Equals("replica", StringComparison.OrdinalIgnoreCase))
        {
            var view = View();
            return _members.FirstOrDefault(m => m.IsRunning && view?.At(m.Port) is { IsPrimary: false }) ?? throw new TopologyException("No replica is running.");
        }

        return StoreMember.ByNameOrPort(_members, wanted, name, $"primary (of the shard serving slot 0), primary-1..{ClusterSettings.Primaries.ToString(CultureInfo.InvariantCulture)}, replica");
    }

    /// <summary>The live primary of shard <paramref name="shard"/> (1-based, in slot order).</summary>
    private StoreMember? Primary(int shard) =>
        View()?.Shards is { } shards && shards.Count >= shard ? _members.FirstOrDefault(m => m.Port == shards[shard - 1].Port) : null;

    private string NameOf(int port) => _members.FirstOrDefault(m => m.Port == port)?.Name ?? port.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        foreach (var member in _members)
        {
            await member.KillAsync();
        }
    }
}
