using System.Globalization;
using SessionLab.Topology.Processes;

namespace SessionLab.Topology.Stores;

/// <summary>One process of a replicated store (a data node or a Sentinel), started and restarted on its port with its config file.</summary>
internal sealed class StoreMember(string name, int port, bool isSentinel, ProcessSpec spec, string logPath)
{
    private ProcessStore? _process;

    public string Name => name;

    public int Port => port;

    public bool IsSentinel => isSentinel;

    public bool IsRunning => _process is { IsRunning: true };

    public int? ProcessId => _process?.ProcessId;

    /// <summary>
    /// Writes <paramref name="config"/> to <c>{name}.conf</c> in <paramref name="folder"/> and returns the member that runs
    /// <paramref name="executable"/> on it, logging to <c>{name}.log</c> beside it.
    /// </summary>
    public static async Task<StoreMember> WriteAsync(string name, int port, bool isSentinel, string executable, string folder, string config, CancellationToken cancellationToken)
    {
        var configPath = Path.Combine(folder, $"{name}.conf");
        await File.WriteAllTextAsync(configPath, config, cancellationToken);
        return new StoreMember(name, port, isSentinel, new ProcessSpec(executable, [configPath]), Path.Combine(folder, $"{name}.log"));
    }

    public async Task StartAsync(TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        if (_process is null)
        {
            _process = await ProcessStore.StartAsync(isSentinel ? "redis-sentinel" : "redis-server", name, StorePersistence.None, spec, port, logPath, readyTimeout, cancellationToken);
        }
        else
        {
            await _process.RestartAsync(cancellationToken);
        }
    }

    public async Task KillAsync()
    {
        if (_process is not null)
        {
            await _process.KillAsync();
        }
    }

    /// <summary>Starts the member unless it runs, and says which of the two happened (the fault console's answer).</summary>
    public async Task<string> StartReportingAsync(TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            return $"redis/{Name} is already running (pid {Pid})";
        }

        await StartAsync(readyTimeout, cancellationToken);
        return $"started redis/{Name} (pid {Pid})";
    }

    /// <summary>Kills the member if it runs, and says so with the <paramref name="role"/> it had (the fault console's answer).</summary>
    public async Task<string> KillReportingAsync(string role)
    {
        if (!IsRunning)
        {
            return $"redis/{Name} was not running";
        }

        var pid = Pid;
        await KillAsync();
        return $"killed redis/{Name} ({role}, pid {pid}) with SIGKILL";
    }

    /// <summary>A fault target's name without the optional <c>redis/</c> prefix.</summary>
    public static string Unprefixed(string name) =>
        name.StartsWith("redis/", StringComparison.OrdinalIgnoreCase) ? name["redis/".Length..] : name;

    /// <summary>
    /// The member named <paramref name="wanted"/> or listening on that port; otherwise an error naming
    /// <paramref name="roles"/> (the role names the store also accepts) and every member.
    /// </summary>
    public static StoreMember ByNameOrPort(IEnumerable<StoreMember> members, string wanted, string originalName, string roles)
    {
        var all = members.ToList();
        return all.FirstOrDefault(m => m.Name.Equals(wanted, StringComparison.OrdinalIgnoreCase)
                || m.Port.ToString(CultureInfo.InvariantCulture) == wanted)
            ?? throw new TopologyException($"No store node '{originalName}'. Known: {roles}, {string.Join(", ", all.Select(m => $"{m.Name} ({m.Port.ToString(CultureInfo.InvariantCulture)})"))}.");
    }

    private string Pid => ProcessId?.ToString(CultureInfo.InvariantCulture) ?? "?";
}
