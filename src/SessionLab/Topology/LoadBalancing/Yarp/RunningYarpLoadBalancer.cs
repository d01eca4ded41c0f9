using System.Net;
using Microsoft.AspNetCore.Builder;

namespace SessionLab.Topology.LoadBalancing.Yarp;

/// <summary>The started proxy; disposing it stops Kestrel (freeing the ports) and closes <c>yarp.log</c>.</summary>
internal sealed class RunningYarpLoadBalancer(WebApplication app, YarpLogFile log, string description, IReadOnlyList<UpstreamGroup> groups, DestinationRotation rotation) : IRunningLoadBalancer
{
    private int _disposed;

    public string Description => description;

    public int ProcessId => Environment.ProcessId;

    /// <summary>Immediate: every request that reaches load balancing afterwards reads the new rotation.</summary>
    public Task SetInRotationAsync(IPEndPoint backend, bool inRotation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var found = false;
        foreach (var group in groups)
        {
            for (var i = 0; i < group.Backends.Count; i++)
            {
                if (group.Backends[i].Equals(backend))
                {
                    rotation.Set(group.Name, YarpProxyConfig.DestinationId(i), inRotation);
                    found = true;
                }
            }
        }

        if (!found)
        {
            throw new TopologyException($"No YARP cluster has the backend {backend}.");
        }

        log.WriteLine($"{DateTimeOffset.Now:O} {backend} {(inRotation ? "back in rotation" : "taken out of rotation")}");
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await app.StopAsync();
        }
        finally
        {
            await app.DisposeAsync();
            log.Dispose();
        }
    }
}
