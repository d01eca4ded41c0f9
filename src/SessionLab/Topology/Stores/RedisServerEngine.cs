using System.Globalization;
using System.Text.RegularExpressions;
using SessionLab.Topology.LoadBalancing;
using SessionLab.Topology.Processes;

namespace SessionLab.Topology.Stores;

/// <summary>The real <c>redis-server</c>, run by the lab as a child with no persistence (the plan's outage expects sessions lost).</summary>
internal sealed partial class RedisServerEngine : IStoreEngine
{
    public string Name => "redis-server";

    public EngineAvailability CheckAvailability()
    {
        if (ExecutableFinder.Find("redis-server") is not { } path)
        {
            return new EngineAvailability(false, string.Empty, "redis-server is not installed (apt-get install redis-server), or use --redis garnet");
        }

        var output = ExecutableFinder.Capture(path, "--version");
        var version = VersionPattern().Match(output) is { Success: true } match ? match.Groups[1].Value : "unknown";
        return new EngineAvailability(true, version);
    }

    public async Task<IRunningStore> StartAsync(int port, string runFolder, TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        var availability = CheckAvailability();
        if (!availability.IsAvailable)
        {
            throw new TopologyException(availability.Reason!);
        }

        var dataFolder = Directory.CreateDirectory(Path.Combine(runFolder, "redis")).FullName;
        var spec = new ProcessSpec(ExecutableFinder.Find("redis-server")!,
        [
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--save", string.Empty,
            "--appendonly", "no",
            "--dir", dataFolder,
            "--daemonize", "no",
        ]);
        return await ProcessStore.StartAsync("redis-server", $"redis-server {availability.Version}", spec, port, Path.Combine(runFolder, "redis-server.log"), readyTimeout, cancellationToken);
    }

    [GeneratedRegex(@"v=(\d+\.\d+\.\d+)")]
    private static partial Regex VersionPattern();
}
