using SessionLab.Topology.Processes;

namespace SessionLab.Topology.Stores;

/// <summary>A store that is a child process of the lab (redis-server or Garnet), restartable on the same port.</summary>
internal sealed class ProcessStore : IRunningStore
{
    private readonly string _name;
    private readonly ProcessSpec _spec;
    private readonly int _port;
    private readonly string _logPath;
    private readonly TimeSpan _readyTimeout;
    private ManagedProcess? _process;

    private ProcessStore(string name, string description, StorePersistence persistence, ProcessSpec spec, int port, string logPath, TimeSpan readyTimeout)
    {
        _name = name;
        Description = description;
        Persistence = persistence;
        _spec = spec;
        _port = port;
        _logPath = logPath;
        _readyTimeout = readyTimeout;
    }

    public string Description { get; }

    public string Configuration => $"127.0.0.1:{_port}";

    public StorePersistence Persistence { get; }

    public int? ProcessId => _process is { HasExited: false } process ? process.ProcessId : null;

    public bool IsRunning => _process is { HasExited: false };

    public bool CanBeControlled => true;

    /// <summary>Starts <paramref name="spec"/>, which must give the store <paramref name="persistence"/>, and waits for PING.</summary>
    public static async Task<ProcessStore> StartAsync(
        string name, string description, StorePersistence persistence, ProcessSpec spec, int port, string logPath, TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        var store = new ProcessStore(name, description, persistence, spec, port, logPath, readyTimeout);
        await store.RestartAsync(cancellationToken);
        return store;
    }

    public async Task KillAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            return;
        }

        await KillAsync();
        _process = ManagedProcess.Start(_name, _spec, _logPath);
        try
        {
            await _process.WaitUntilReadyAsync(ct => RedisPing.IsUpAsync("127.0.0.1", _port, ct), _readyTimeout, cancellationToken);
        }
        catch
        {
            await KillAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await KillAsync();
}
