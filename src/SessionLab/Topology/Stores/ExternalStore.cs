using SessionLab.Topology.LoadBalancing;

namespace SessionLab.Topology.Stores;

/// <summary>
/// A Redis the user runs (a host, Sentinel, Cluster): the lab only connects to it, and can neither stop it nor choose
/// its persistence. Asking for <see cref="StorePersistence.AppendOnly"/> throws rather than pretend; the running store
/// reports <see cref="StorePersistence.None"/> since the lab promises nothing about what survives its restart.
/// </summary>
internal sealed class ExternalStoreEngine(string configuration) : IStoreEngine
{
    public string Name => "external";

    public EngineAvailability CheckAvailability() => new(true, "external");

    public Task<IRunningStore> StartAsync(StoreInstance instance, CancellationToken cancellationToken) =>
        instance.Persistence == StorePersistence.None
            ? Task.FromResult<IRunningStore>(new ExternalStore(configuration))
            : Task.FromException<IRunningStore>(new TopologyException(
                $"The store is an external Redis ({configuration}): the lab cannot set its persistence to {instance.Persistence}; configure it on that server, or use --redis system or garnet."));

    private sealed class ExternalStore(string configuration) : IRunningStore
    {
        public string Description => $"external Redis ({configuration})";

        public string Configuration => configuration;

        public StorePersistence Persistence => StorePersistence.None;

        public int? ProcessId => null;

        public bool IsRunning => true;

        public bool CanBeControlled => false;

        public Task KillAsync() => throw new TopologyException("The store is an external Redis: the lab does not control it.");

        public Task RestartAsync(CancellationToken cancellationToken) => KillAsync();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
