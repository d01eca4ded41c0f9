using SessionLab.Topology.LoadBalancing;

namespace SessionLab.Topology.Stores;

/// <summary>A Redis-compatible store the lab can run: <c>redis-server</c>, Garnet, or an external server it only connects to.</summary>
internal interface IStoreEngine
{
    /// <summary><c>redis-server</c>, <c>garnet</c> or <c>external</c>.</summary>
    string Name { get; }

    EngineAvailability CheckAvailability();

    /// <summary>Starts the store described by <paramref name="instance"/>; returns once it answers PING.</summary>
    /// <exception cref="TopologyException">The engine is missing, or cannot give the instance's persistence.</exception>
    Task<IRunningStore> StartAsync(StoreInstance instance, CancellationToken cancellationToken);

    /// <summary>The ports a store of this engine takes, for the pre-flight check: the plan's store port, unless it runs several processes.</summary>
    IEnumerable<int> Ports(TopologyPorts ports) => [ports.Store];

    /// <summary>
    /// The engine of the extra single stores experiments start beside the topology (6.6's persistent store, 6.7's
    /// store behind a proxy): this engine itself, or a replicated engine's node engine.
    /// </summary>
    IStoreEngine SingleNodeEngine => this;
}

/// <summary>A running store. The lab can kill it (as in an outage) and start it again on the same port.</summary>
internal interface IRunningStore : IAsyncDisposable
{
    /// <summary>Engine and version, e.g. <c>redis-server 7.0.15</c>.</summary>
    string Description { get; }

    /// <summary>The StackExchange.Redis configuration string the backends use.</summary>
    string Configuration { get; }

    /// <summary>Whether a kill and restart keeps the data (<see cref="StorePersistence.AppendOnly"/>) or loses it.</summary>
    StorePersistence Persistence { get; }

    /// <summary>Null for an external store.</summary>
    int? ProcessId { get; }

    /// <summary>Every process of the store that runs now (several for a replicated store), for the orphan sweep.</summary>
    IReadOnlyList<int> ProcessIds => ProcessId is { } pid ? [pid] : [];

    bool IsRunning { get; }

    /// <summary>Whether <see cref="KillAsync"/> and <see cref="RestartAsync"/> are possible (not for an external Redis).</summary>
    bool CanBeControlled { get; }

    /// <summary>kill -9: everything in memory is lost, as in the plan's outage experiments (with persistence, what is on disk stays).</summary>
    Task KillAsync();

    /// <summary>Starts it again on the same port, replaying its append-only file if it has one; returns once it answers PING.</summary>
    Task RestartAsync(CancellationToken cancellationToken);
}
