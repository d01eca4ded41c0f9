namespace SessionLab.Topology.Stores;

/// <summary>
/// A store of several processes (<c>--redis sentinel</c>: a primary, replicas and Sentinels), each addressable by name
/// for faults (<c>redis kill primary</c>, <c>redis kill node-2</c>, <c>redis start sentinel-1</c>). As an
/// <see cref="IRunningStore"/>, a kill strikes the current primary and a restart starts every member that is down.
/// </summary>
internal interface IReplicatedStore : IRunningStore
{
    /// <summary>Every member, data nodes first, with its role as the Sentinels see it.</summary>
    IReadOnlyList<StoreNodeState> Nodes();

    /// <summary>The settings a report states (e.g. "down-after-milliseconds 2000 (Redis default 30000)").</summary>
    string Settings { get; }

    /// <summary>The data node the Sentinels name as primary right now (<c>node-1</c>); null when none answers.</summary>
    string? PrimaryName { get; }

    /// <summary>kill -9 of one member: <c>primary</c>, <c>replica</c> (the first running one), or a name (<c>node-2</c>, <c>sentinel-1</c>).</summary>
    Task<string> KillNodeAsync(string name);

    /// <summary>Starts a stopped member again on its port with its (possibly rewritten) config; returns once it answers PING.</summary>
    Task<string> StartNodeAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Waits until every member runs, every replica is linked to the primary the Sentinels agree on, and every Sentinel
    /// knows the others: the state in which a failover can happen. Throws <see cref="TopologyException"/> past <paramref name="timeout"/>.
    /// </summary>
    Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Subscribes to every running Sentinel's <c>+switch-master</c>; the watch's task completes at the first announcement.</summary>
    Task<FailoverWatch> WatchFailoverAsync(CancellationToken cancellationToken);
}

/// <summary>One member of a replicated store: <see cref="Role"/> is <c>primary</c>, <c>replica</c> or <c>sentinel</c>.</summary>
internal sealed record StoreNodeState(string Name, int Port, string Engine, int? ProcessId, bool IsRunning, string Role);
