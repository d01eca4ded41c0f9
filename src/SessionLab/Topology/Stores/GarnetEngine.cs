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

    public async Task<IRunningStore> StartAsync(int port, string runFolder, TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        var spec = SelfLauncher.Command(
        [
            "garnet", "--port", port.ToString(CultureInfo.InvariantCulture),
            "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
        ]);
        return await ProcessStore.StartAsync("garnet", $"Garnet {Version}", spec, port, Path.Combine(runFolder, "garnet.log"), readyTimeout, cancellationToken);
    }

    private static string Version =>
        (typeof(Garnet.GarnetServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown").Split('+')[0];
}
