using System.Diagnostics;

namespace SessionLab.Topology.LoadBalancing.Nginx;

/// <summary>Runs a short nginx command (<c>-v</c>, <c>-t</c>) to completion and returns what it printed; the server itself runs as a <see cref="Processes.ManagedProcess"/>.</summary>
internal static class NginxCli
{
    /// <summary>Exit code and combined stdout and stderr (nginx prints its version and test results to stderr).</summary>
    internal sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(string nginx, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(nginx)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new TopologyException($"Cannot run {nginx}: {e.Message}", e);
        }

        process.StandardInput.Close();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
            await process.WaitForExitAsync(deadline.Token);
            return new Result(process.ExitCode, ((await stdout) + (await stderr)).Trim());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It finished just now after all.
            }

            throw new TopologyException($"`{nginx} {string.Join(' ', arguments)}` did not finish within {timeout.TotalSeconds:0.#} s.");
        }
    }
}
