using Microsoft.AspNetCore.Builder;

namespace SessionLab.Topology.LoadBalancing.Yarp;

/// <summary>The started proxy; disposing it stops Kestrel (freeing the ports) and closes <c>yarp.log</c>.</summary>
internal sealed class RunningYarpLoadBalancer(WebApplication app, YarpLogFile log, string description) : IRunningLoadBalancer
{
    private int _disposed;

    public string Description => description;

    public int ProcessId => Environment.ProcessId;

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
