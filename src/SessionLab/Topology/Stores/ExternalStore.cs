using SessionLab.Topology.LoadBalancing;

namespace SessionLab.Topology.Stores;

/// <summary>A Redis the user runs (a host, Sentinel, Cluster): the lab only connects to it, and cannot stop it.</summary>
internal sealed class ExternalStoreEngine(string configuration) : IStoreEngine
{
    public string Name => "external";

    public EngineAvailability CheckAvailability() => new(true, "external");

    public Task<IRunningStore> StartAsync(int port, string runFolder, TimeSpan readyTimeout, CancellationToken cancellationToken) =>
        Task.FromResult<IRunningStore>(new ExternalStore(configuration));

    private sealed class ExternalStore(string configuration) : IRunningStore
    {
        public string Description => $"external Redis ({configuration})";

        public string Configuration => configuration;

        public int? ProcessId => null;

        public bool IsRunning => true;

        public bool CanBeControlled => false;

        public Task KillAsync() => throw new TopologyException("The store is an external Redis: the lab does not control it.");

        public Task RestartAsync(CancellationToken cancellationToken) => KillAsync();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
