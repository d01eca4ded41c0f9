using SessionLab.Measurement.Processes;

namespace SessionLab.Topology.LoadBalancing.Nginx;

/// <summary>
/// A short nginx command (<c>-v</c>, <c>-t</c>) run to completion by <see cref="ToolProcess"/>, its failures told as the
/// topology tells them; the server itself runs as a <see cref="Processes.ManagedProcess"/>.
/// </summary>
internal static class NginxCli
{
    /// <summary>Exit code and combined stdout and stderr (nginx prints its version and test results to stderr).</summary>
    internal sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(string nginx, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ToolProcessResult run;
        try
        {
            run = await ToolProcess.RunAsync(nginx, arguments, timeout, cancellationToken);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new TopologyException($"Cannot run {nginx}: {e.Message}", e);
        }

        return run.ExitCode is { } exitCode
            ? new Result(exitCode, run.Combined.Trim())
            : throw new TopologyException($"`{nginx} {string.Join(' ', arguments)}` did not finish within {timeout.TotalSeconds:0.#} s.");
    }
}
