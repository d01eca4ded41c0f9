using System.Diagnostics;

namespace SessionLab.Measurement.Processes;

/// <summary>
/// The lab's one way to run a short-lived program to completion (ab, wrk, <c>nginx -t</c>, <c>redis-server --version</c>)
/// with a deadline. It is not a managed server (no readiness, no restarts: the CLI's <c>ManagedProcess</c> owns those);
/// past the deadline it is killed with its children so a hung tool cannot outlive the lab.
/// </summary>
internal static class ToolProcess
{
    /// <summary>Runs <paramref name="path"/> with <paramref name="arguments"/>, its stdin closed, and returns what it printed.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The file cannot be run (no permission, not a program).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the tool is killed first).</exception>
    public static async Task<ToolProcessResult> RunAsync(string path, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{path} did not start.");

        // No tool of the lab reads stdin; closed, one that tries gets end-of-file instead of waiting on the terminal.
        process.StandardInput.Close();

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

    /// <summary><see cref="RunAsync"/> for callers that cannot await (an engine's availability check).</summary>
    public static ToolProcessResult Run(string path, IReadOnlyList<string> arguments, TimeSpan timeout) =>
        RunAsync(path, arguments, timeout, CancellationToken.None).GetAwaiter().GetResult();

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
    /// <summary>Stdout then stderr (nginx and redis-server print their versions and test results to either).</summary>
    public string Combined => StandardError.Length == 0 ? StandardOutput : StandardOutput + StandardError;

    public bool TimedOut => ExitCode is null;
}
