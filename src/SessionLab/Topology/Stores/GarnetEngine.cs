using System.Globalization;
using System.Reflection;
using SessionLab.Topology.LoadBalancing;
using SessionLab.Topology.Processes;

namespace SessionLab.Topology.Stores;

/// <summary>The embedded Redis-compatible store (Microsoft Garnet), in its own child process so it can be killed like Redis.</summary>
internal sealed class GarnetEngine : IStoreEngine
{
    public string Name => "garnet";

    public EngineAvailability CheckAvailability() => new(true, Version);

    public async Task<IRunningStore> StartAsync(StoreInstance instance, CancellationToken cancellationToken)
    {
        var dataFolder = instance.Persistence == StorePersistence.None
            ? null
            : Directory.CreateDirectory(Path.Combine(instance.RunFolder, instance.Name ?? "garnet")).FullName;
        var spec = SelfLauncher.Command(Arguments(instance.Port, Environment.ProcessId, instance.Persistence, dataFolder));
        var log = Path.Combine(instance.RunFolder, $"{instance.Name ?? "garnet"}.log");
        return await ProcessStore.StartAsync("garnet", $"Garnet {Version}", instance.Persistence, spec, instance.Port, log, instance.ReadyTimeout, cancellationToken);
    }

    /// <summary>
    /// The hidden <c>sessionlab garnet</c> command line. With <see cref="StorePersistence.AppendOnly"/>, <c>--aof</c> and
    /// <c>--data-dir</c>: the AOF lives in <paramref name="dataFolder"/> and is replayed on every start there.
    /// </summary>
    internal static IReadOnlyList<string> Arguments(int port, int parentPid, StorePersistence persistence, string? dataFolder) =>
    [
        "garnet", "--port", port.ToString(CultureInfo.InvariantCulture),
        "--parent-pid", parentPid.ToString(CultureInfo.InvariantCulture),
        .. persistence switch
        {
            StorePersistence.AppendOnly => (string[])["--aof", "--data-dir", dataFolder ?? throw new ArgumentNullException(nameof(dataFolder), "An append-only Garnet needs a data folder.")],
            _ => [],
        },
    ];

    private static string Version =>
        (typeof(Garnet.GarnetServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown").Split('+')[0];
}
