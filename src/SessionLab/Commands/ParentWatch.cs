using System.Diagnostics;

namespace SessionLab.Commands;

/// <summary>Waits until cancelled or until the given parent process is gone, whichever comes first.</summary>
internal static class ParentWatch
{
    public static async Task WaitAsync(int? parentProcessId, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (parentProcessId is { } pid && !IsAlive(pid))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: a normal way to stop.
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
}
