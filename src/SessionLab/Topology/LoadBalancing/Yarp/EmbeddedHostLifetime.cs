using Microsoft.Extensions.Hosting;

namespace SessionLab.Topology.LoadBalancing.Yarp;

/// <summary>
/// A host lifetime that ignores Ctrl+C and SIGTERM: the proxy runs inside the lab's process, which decides when to
/// stop it; the default console lifetime would stop the proxy on its own and swallow the signal.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
