using System.Globalization;
using SessionLab.Measurement.Processes;

namespace SessionLab.Measurement.External;

/// <summary>
/// Runs ApacheBench (<c>ab</c>, when installed), the plan's own tool for 4.2, for a comparison with the lab's
/// generator. A missing ab gives an <see cref="ExternalToolStatus.NotInstalled"/> result, never an exception.
/// </summary>
/// <param name="executable">The command to run: a name looked up on PATH, or a path. Default <c>ab</c>.</param>
public sealed class AbRunner(string executable = "ab")
{
    /// <summary>Whether the tool can be found.</summary>
    public bool IsInstalled => Executables.Find(executable) is not null;

    /// <summary>Runs ab as <paramref name="options"/> say and reads its report.</summary>
    public async Task<ExternalToolRun<AbReport>> RunAsync(AbOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Executables.Find(executable) is not { } path)
        {
            return ExternalToolRuns.NotInstalled<AbReport>("ab");
        }

        var arguments = Arguments(options);
        var process = await ToolProcess.RunAsync(path, arguments, options.Timeout, cancellationToken).ConfigureAwait(false);
        return ExternalToolRuns.From("ab", ExternalToolRuns.CommandLine("ab", arguments), process, AbOutputParser.Parse);
    }

    internal static List<string> Arguments(AbOptions options)
    {
        List<string> arguments =
        [
            "-n", options.Requests.ToString(CultureInfo.InvariantCulture),
            "-c", Math.Clamp(options.Concurrency, 1, Math.Max(1, options.Requests)).ToString(CultureInfo.InvariantCulture),
        ];
        if (options.KeepAlive)
        {
            arguments.Add("-k");
        }

        if (options.AcceptVariableLength)
        {
            arguments.Add("-l");
        }

        foreach (var (name, value) in options.Headers)
        {
            arguments.Add("-H");
            arguments.Add($"{name}: {value}");
        }

        arguments.Add(options.Url.ToString());
        return arguments;
    }
}
