using SessionLab.Measurement.Processes;
using SessionLab.Topology.LoadBalancing;

namespace SessionLab.Topology.Stores;

/// <summary>What the engines of several redis-server processes (Sentinel, Cluster) share: their checks and their start-up.</summary>
internal static class ReplicatedEngine
{
    /// <summary>
    /// Available when <paramref name="nodeEngine"/> (redis-server) is and <paramref name="tool"/> is on PATH;
    /// otherwise a reason naming <paramref name="option"/> and the Debian package that brings the tool.
    /// </summary>
    public static EngineAvailability Availability(IStoreEngine nodeEngine, string option, string tool, string package, string toolUse)
    {
        var server = nodeEngine.CheckAvailability();
        if (!server.IsAvailable)
        {
            return server with { Reason = $"{option} runs redis-server: {server.Reason}" };
        }

        return Executables.Find(tool) is null
            ? new EngineAvailability(false, string.Empty, $"{tool} is not installed (apt-get install {package}): {option} {toolUse}")
            : server;
    }

    /// <summary>Fails unless <paramref name="availability"/> holds and <paramref name="instance"/> asks for no persistence (the nodes run in memory).</summary>
    public static void EnsureStartable(EngineAvailability availability, StoreInstance instance, string option)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (!availability.IsAvailable)
        {
            throw new TopologyException(availability.Reason!);
        }

        if (instance.Persistence != StorePersistence.None)
        {
            throw new TopologyException($"{option} runs its nodes in memory only; it cannot give {instance.Persistence}.");
        }
    }

    /// <summary>Runs <paramref name="startUp"/> on <paramref name="store"/>; if it fails, stops every process it started before rethrowing.</summary>
    public static async Task<IRunningStore> StartOrStopAsync<TStore>(TStore store, Func<TStore, Task> startUp)
        where TStore : IRunningStore
    {
        try
        {
            await startUp(store);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }
}
