using SessionLab.Measurement.Processes;

namespace SessionLab.Measurement.External;

/// <summary>Turns a finished tool process into an <see cref="ExternalToolRun{TReport}"/>, the same way for every tool.</summary>
internal static class ExternalToolRuns
{
    public static ExternalToolRun<TReport> NotInstalled<TReport>(string tool)
        where TReport : class =>
        new(tool, ExternalToolStatus.NotInstalled, null, null, "", null, $"{tool} is not installed (not found on PATH).");

    public static ExternalToolRun<TReport> From<TReport>(string tool, string commandLine, ToolProcessResult process, Func<string, TReport?> parse)
        where TReport : class
    {
        var output = process.Combined;
        if (process.ExitCode is not { } exitCode)
        {
            return new(tool, ExternalToolStatus.TimedOut, commandLine, null, output, null, $"{tool} did not finish in time and was killed.");
        }

        var report = exitCode == 0 ? parse(process.StandardOutput) : null;
        return report is null
            ? new(tool, ExternalToolStatus.Failed, commandLine, exitCode, output, null, $"{tool} exited with {exitCode}: {LastLine(output)}")
            : new(tool, ExternalToolStatus.Completed, commandLine, exitCode, output, report, null);
    }

    public static string CommandLine(string tool, IEnumerable<string> arguments) =>
        string.Join(' ', arguments.Select(argument => argument.Contains(' ', StringComparison.Ordinal) ? $"\"{argument}\"" : argument).Prepend(tool));

    private static string LastLine(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "no output" : lines[^1];
    }
}
