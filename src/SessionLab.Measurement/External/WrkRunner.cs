using System.Globalization;
using SessionLab.Measurement.Processes;

namespace SessionLab.Measurement.External;

/// <summary>
/// Runs <c>wrk</c> (when installed) for a comparison with the lab's own closed-loop generator. A missing wrk gives
/// an <see cref="ExternalToolStatus.NotInstalled"/> result, never an exception.
/// </summary>
/// <param name="executable">The command to run: a name looked up on PATH, or a path. Default <c>wrk</c>.</param>
public sealed class WrkRunner(string executable = "wrk")
{
    /// <summary>Whether the tool can be found.</summary>
    public bool IsInstalled => Executables.Find(executable) is not null;

    /// <summary>Runs wrk as <paramref name="options"/> say and reads its report.</summary>
    public async Task<ExternalToolRun<WrkReport>> RunAsync(WrkOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Executables.Find(executable) is not { } path)
        {
            return ExternalToolRuns.NotInstalled<WrkReport>("wrk");
        }

        var arguments = Arguments(options);
        var seconds = WholeSeconds(options.Duration);
        var process = await ToolProcess.RunAsync(path, arguments, TimeSpan.FromSeconds(seconds) + options.Grace, cancellationToken).ConfigureAwait(false);
        return ExternalToolRuns.From("wrk", ExternalToolRuns.CommandLine("wrk", arguments), process, WrkOutputParser.Parse);
    }

    internal static List<string> Arguments(WrkOptions options)
    {
        var connections = Math.Max(1, options.Connections);
        List<string> arguments =
        [
            Invariant($"-t{Math.Clamp(options.Threads, 1, connections)}"),
            Invariant($"-c{connections}"),
            Invariant($"-d{WholeSeconds(options.Duration)}s"),
            "--latency",
        ];
        if (options.RequestTimeout is { } timeout)
        {
            arguments.Add("--timeout");
            arguments.Add(Invariant($"{WholeSeconds(timeout)}s"));
        }

        foreach (var (name, value) in options.Headers)
        {
            arguments.Add("-H");
            arguments.Add($"{name}: {value}");
        }

        arguments.Add(options.Url.ToString());
        return arguments;
    }

    private static int WholeSeconds(TimeSpan duration) => Math.Max(1, (int)Math.Ceiling(duration.TotalSeconds));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
