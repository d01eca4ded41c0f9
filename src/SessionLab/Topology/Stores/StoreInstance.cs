namespace SessionLab.Topology.Stores;

/// <summary>One store instance to start: on <paramref name="Port"/>, with its files and log in <paramref name="RunFolder"/>.</summary>
/// <param name="Port">The TCP port on 127.0.0.1.</param>
/// <param name="RunFolder">Where the store's data folder and log go.</param>
/// <param name="ReadyTimeout">How long to wait for the first PING answer (also on each restart).</param>
internal sealed record StoreInstance(int Port, string RunFolder, TimeSpan ReadyTimeout)
{
    /// <summary>
    /// Names the instance's data folder and log in <see cref="RunFolder"/> (<c>{Name}/</c>, <c>{Name}.log</c>).
    /// Default: the engine's own names, <c>redis/</c> with <c>redis-server.log</c>, <c>garnet/</c> with <c>garnet.log</c>.
    /// </summary>
    public string? Name { get; init; }

    /// <summary>Default <see cref="StorePersistence.None"/>.</summary>
    public StorePersistence Persistence { get; init; } = StorePersistence.None;

    /// <summary>The lab's ports, for an engine of several processes (the Sentinel group's nodes). Default the plan's.</summary>
    public TopologyPorts Ports { get; init; } = new();
}
