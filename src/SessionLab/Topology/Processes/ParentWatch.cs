using SessionLab.Backend.Common;

namespace SessionLab.Topology.Processes;

/// <summary>Waits until cancelled or until the given parent process is gone, whichever comes first.</summary>
internal static class ParentWatch
{
    public static async Task WaitAsync(int? parentProcessId, CancellationToken cancellationToken)
    {
        try
        {
            if (parentProcessId is { } pid)
            {
                await ParentProcess.WaitForExitAsync(pid, TimeProvider.System, cancellationToken);
            }
            else
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: a normal way to stop.
        }
    }
}
