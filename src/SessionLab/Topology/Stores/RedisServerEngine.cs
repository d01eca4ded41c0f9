using System.Globalization;
using System.Text.RegularExpressions;
using SessionLab.Measurement.Processes;
using SessionLab.Topology.LoadBalancing;
using SessionLab.Topology.Processes;

namespace SessionLab.Topology.Stores;

/// <summary>
/// The real <c>redis-server</c>, run by the lab as a child: with no persistence by default (the plan's outage expects
/// sessions lost), or with an append-only file fsynced every second.
/// </summary>
internal sealed partial class RedisServerEngine : IStoreEngine
{
    /// <summary>How long <c>redis-server --version</c> may take; past it, what it printed so far is read.</summary>
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(5);

    public string Name => "redis-server";

    public EngineAvailability CheckAvailability()
    {
        if (Executables.Find("redis-server") is not { } path)
        {
            return new EngineAvailability(false, string.Empty, "redis-server is not installed (apt-get install redis-server), or use --redis garnet");
        }

        string output;
        try
        {
            output = ToolProcess.Run(path, ["--version"], VersionTimeout).Combined;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new EngineAvailability(false, string.Empty, $"{path} cannot be run ({e.Message}); reinstall redis-server (apt-get install redis-server), or use --redis garnet");
        }

        var version = VersionPattern().Match(output) is { Success: true } match ? match.Groups[1].Value : "unknown";
        return new EngineAvailability(true, version);
    }

    public async Task<IRunningStore> StartAsync(StoreInstance instance, CancellationToken cancellationToken)
    {
        var availability = CheckAvailability();
        if (!availability.IsAvailable)
        {
            throw new TopologyException(availability.Reason!);
        }

        var dataFolder = Directory.CreateDirectory(Path.Combine(instance.RunFolder, instance.Name ?? "redis")).FullName;
        var spec = new ProcessSpec(Executables.Find("redis-server")!, Arguments(instance.Port, dataFolder, instance.Persistence));
        var log = Path.Combine(instance.RunFolder, instance.Name is null ? "redis-server.log" : $"{instance.Name}.log");
        return await ProcessStore.StartAsync(
            "redis-server", $"redis-server {availability.Version}", instance.Persistence, spec, instance.Port, log, instance.ReadyTimeout, cancellationToken);
    }

    /// <summary>
    /// The command line. Never RDB snapshots (<c>--save ""</c>); with <see cref="StorePersistence.AppendOnly"/> an AOF in
    /// <c>{dataFolder}/appendonlydir</c>, which redis-server replays when it starts again in the same folder.
    /// </summary>
    internal static IReadOnlyList<string> Arguments(int port, string dataFolder, StorePersistence persistence) =>
    [
        "--port", port.ToString(CultureInfo.InvariantCulture),
        "--bind", "127.0.0.1",
        "--save", string.Empty,
        .. persistence switch
        {
            StorePersistence.AppendOnly => (string[])["--appendonly", "yes", "--appendfsync", "everysec"],
            _ => ["--appendonly", "no"],
        },
        "--dir", dataFolder,
        "--daemonize", "no",
    ];

    [GeneratedRegex(@"v=(\d+\.\d+\.\d+)")]
    private static partial Regex VersionPattern();
}
