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
}
