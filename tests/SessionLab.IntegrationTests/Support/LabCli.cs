using System.Diagnostics;
using SessionLab.Topology.Processes;

namespace SessionLab.IntegrationTests.Support;

/// <summary>Runs <c>sessionlab</c> as a user would, to completion, and returns its exit code and output.</summary>
internal static class LabCli
{
    public static async Task<(int ExitCode, string Output)> RunAsync(TimeSpan timeout, params string[] args)
    {
        var ct = TestContext.Current.CancellationToken;
        var spec = SelfLauncher.Command(args);
        var info = new ProcessStartInfo(spec.FileName) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
