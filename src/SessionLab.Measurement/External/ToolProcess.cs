using System.Diagnostics;

namespace SessionLab.Measurement.External;

/// <summary>
/// Runs a short-lived measuring tool to completion with a deadline. It is not a managed server: no readiness, no
/// restarts; past the deadline it is killed with its children so a hung tool cannot outlive the lab.
/// </summary>
internal static class ToolProcess
{
    public static async Task<ToolProcessResult> RunAsync(string path, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{path} did not start.");

        // Read both pipes while waiting: a tool blocked on a full pipe would never exit.
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested;
            Kill(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        return new ToolProcessResult(timedOut ? null : process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the deadline and the kill: nothing left to stop.
        }
    }
}

/// <summary>What a tool printed; <see cref="ExitCode"/> is null when it was killed at the deadline.</summary>
internal sealed record ToolProcessResult(int? ExitCode, string StandardOutput, string StandardError)
{
    public string Combined => StandardError.Length == 0 ? StandardOutput : StandardOutput + StandardError;
}
