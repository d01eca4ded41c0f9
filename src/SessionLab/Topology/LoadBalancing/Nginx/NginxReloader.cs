using System.Diagnostics;
using System.Net;
using SessionLab.Topology.Processes;

namespace SessionLab.Topology.LoadBalancing.Nginx;

/// <summary>
/// Takes backends out of a running nginx's rotation and back: rewrites nginx.conf with those servers marked <c>down</c>,
/// has nginx check it, and sends the master SIGHUP (what <c>nginx -s reload</c> does). The master starts new workers
/// with the new config and tells the old ones to finish their requests and exit; the change holds for new requests
/// once every old worker has stopped accepting, which <see cref="NginxWorkers"/> reads from /proc.
/// </summary>
internal sealed class NginxReloader(
    string nginxPath,
    IReadOnlyList<string> arguments,
    IReadOnlyList<UpstreamGroup> groups,
    PassiveHealthOptions health,
    NginxConfigSettings settings) : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ReloadTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<IPEndPoint> _outOfRotation = [];

    public async Task SetInRotationAsync(int masterPid, IPEndPoint backend, bool inRotation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backend);
        if (!groups.Any(g => g.Backends.Contains(backend)))
        {
            throw new TopologyException($"No nginx upstream has the backend {backend}.");
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!(inRotation ? _outOfRotation.Remove(backend) : _outOfRotation.Add(backend)))
            {
                return;
            }

            try
            {
                await ReloadAsync(masterPid, cancellationToken);
            }
            catch
            {
                // Remember the state nginx still has, so asking again retries the reload.
                _ = inRotation ? _outOfRotation.Add(backend) : _outOfRotation.Remove(backend);
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task ReloadAsync(int masterPid, CancellationToken cancellationToken)
    {
        var configPath = settings.EffectiveConfigFile;
        var next = configPath + ".next";
        await File.WriteAllTextAsync(next, NginxConfigWriter.Write(groups, health, settings, _outOfRotation), cancellationToken);

        // Replaced in one step, so the master never reads half a file.
        File.Move(next, configPath, overwrite: true);
        var test = await NginxCli.RunAsync(nginxPath, ["-t", .. arguments], CommandTimeout, cancellationToken);
        if (test.ExitCode != 0)
        {
            throw new TopologyException($"nginx rejected the regenerated configuration {configPath} (nginx -t exited with {test.ExitCode}):{Environment.NewLine}{test.Output}");
        }

        var before = NginxWorkers.Of(masterPid).Select(w => w.ProcessId).ToHashSet();
        if (!NativeSignals.Hangup(masterPid))
        {
            throw new TopologyException($"Cannot signal the nginx master (pid {masterPid}) to reload: has it exited?");
        }

        var clock = Stopwatch.StartNew();
        while (!NginxWorkers.Reloaded(before, NginxWorkers.Of(masterPid)))
        {
            if (clock.Elapsed > ReloadTimeout)
            {
                throw new TopologyException($"nginx (pid {masterPid}) did not reload {configPath} within {ReloadTimeout.TotalSeconds:0} s: workers before {string.Join(' ', before)}, now {string.Join(' ', NginxWorkers.Of(masterPid))}.");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        // An old worker retitles itself just before it closes its listening sockets: give it the moment that takes.
        await Task.Delay(PollInterval, cancellationToken);
    }
}
