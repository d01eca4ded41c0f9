using System.Globalization;
using SessionLab.Backend.Common;
using SessionLab.Topology.Processes;

namespace SessionLab.Topology;

/// <summary>One backend of the topology (e.g. <c>sticky/server-2</c> on 8082): its own OS process, killable and restartable.</summary>
internal sealed class BackendNode : IAsyncDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly ProcessSpec _spec;
    private readonly string _logPath;
    private ManagedProcess? _process;
    private System.Diagnostics.Stopwatch? _sinceRestart;

    /// <param name="launch">What it runs with.</param>
    /// <param name="logPath">Where its output goes.</param>
    /// <param name="group">How users and fault commands name its group; default the scheme (<c>sticky</c>).</param>
    public BackendNode(BackendLaunch launch, string logPath, string? group = null)
    {
        Scheme = launch.Scheme;
        ServerId = launch.ServerId;
        Port = launch.Port;
        Name = $"{group ?? SchemeNames.Of(Scheme)}/{ServerId}";
        _spec = launch.ToProcessSpec();
        _logPath = logPath;
    }

    public SchemeKind Scheme { get; }

    public string ServerId { get; }

    public int Port { get; }

    /// <summary><c>sticky/server-2</c>: how users and fault commands name it.</summary>
    public string Name { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    public int? ProcessId => _process is { HasExited: false } process ? process.ProcessId : null;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>
    /// Time since the backend was last started again after a kill or stop; null if it never was. A balancer may still
    /// count it failed for <c>fail_timeout</c> after the requests that failed while it was down.
    /// </summary>
    public TimeSpan? SinceRestarted => _sinceRestart?.Elapsed;

    /// <summary>Starts the process (again) and waits for <c>/health</c>.</summary>
    public async Task StartAsync(TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            return;
        }

        if (_process is not null)
        {
            await _process.DisposeAsync();
            _sinceRestart = System.Diagnostics.Stopwatch.StartNew();
        }

        _process = ManagedProcess.Start(Name, _spec, _logPath);
        var health = new Uri(BaseAddress, "/health");
        await _process.WaitUntilReadyAsync(async ct => (await Probe.GetAsync(health, ct)).IsSuccessStatusCode, readyTimeout, cancellationToken);
    }

    /// <summary>kill -9, as the plan's crash experiment does.</summary>
    public Task KillAsync() => _process?.KillAsync() ?? Task.CompletedTask;

    /// <summary>SIGTERM: a graceful stop (in-flight requests complete).</summary>
    public Task StopAsync() => _process?.StopAsync(TimeSpan.FromSeconds(10)) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
