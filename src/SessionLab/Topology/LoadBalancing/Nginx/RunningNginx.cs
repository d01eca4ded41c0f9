using System.Net;
using SessionLab.Topology.Processes;

namespace SessionLab.Topology.LoadBalancing.Nginx;

/// <summary>A running nginx master and its workers; disposing stops them all.</summary>
internal sealed class RunningNginx(ManagedProcess master, string description, string pidFilePath, NginxReloader reloader) : IRunningLoadBalancer
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(3);
    private int _disposed;

    public string Description { get; } = description;

    // Captured at start: it stays valid for messages after the process object is disposed.
    public int ProcessId { get; } = master.ProcessId;

    /// <summary>
    /// Where nginx keeps the master's pid. A lab killed with SIGKILL cannot stop nginx (it has no parent watch like the
    /// backends' --parent-pid), so a later run can find such an orphan by this file.
    /// </summary>
    public string PidFilePath { get; } = pidFilePath;

    public Task SetInRotationAsync(IPEndPoint backend, bool inRotation, CancellationToken cancellationToken) =>
        reloader.SetInRotationAsync(ProcessId, backend, inRotation, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // SIGTERM is nginx's fast shutdown: the master stops its workers and waits for them before it exits.
        // Should it hang, the fallback kill takes the whole process tree, workers included.
        await master.StopAsync(StopGrace);
        await master.DisposeAsync();
        reloader.Dispose();

        // nginx removes its pid file on a clean exit, not when killed; a stale one would only mislead an orphan sweep.
        try
        {
            File.Delete(PidFilePath);
        }
        catch (IOException)
        {
            // Best effort: the folder may be gone already.
        }
    }
}
