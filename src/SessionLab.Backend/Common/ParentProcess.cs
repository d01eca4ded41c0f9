using System.Diagnostics;

namespace SessionLab.Backend.Common;

/// <summary>Watches the process that started this one, so children of a dead lab stop instead of lingering.</summary>
internal static class ParentProcess
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Completes when <paramref name="processId"/> is gone; cancelled with <paramref name="cancellationToken"/>.</summary>
    public static async Task WaitForExitAsync(int processId, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(PollInterval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            if (!IsAlive(processId))
            {
                return;
            }
        }
    }

    public static bool IsAlive(int processId)
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
}
