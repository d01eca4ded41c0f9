using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SessionLab.Backend.Common;

/// <summary>Stops this backend when the lab that started it is gone (killed, crashed), so no orphan keeps a port.</summary>
internal sealed partial class ParentProcessWatchdog(
    IOptions<ServerOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<ParentProcessWatchdog> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ParentProcessId is not { } parentId)
        {
            return;
        }

        try
        {
            await ParentProcess.WaitForExitAsync(parentId, time, stoppingToken);
            LogParentGone(parentId);
            lifetime.StopApplication();
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Parent process {ParentId} is gone; shutting down")]
    private partial void LogParentGone(int parentId);
}
