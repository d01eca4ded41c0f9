using System.Diagnostics;
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
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ParentProcessId is not { } parentId)
        {
            return;
        }

        using var timer = new PeriodicTimer(PollInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!IsAlive(parentId))
                {
                    LogParentGone(parentId);
                    lifetime.StopApplication();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Parent process {ParentId} is gone; shutting down")]
    private partial void LogParentGone(int parentId);
}
