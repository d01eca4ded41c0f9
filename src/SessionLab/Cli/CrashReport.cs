using System.Globalization;

namespace SessionLab.Cli;

/// <summary>An exception no command anticipated: one line for the terminal, the whole trace in a file for a bug report.</summary>
internal static class CrashReport
{
    /// <param name="command">"sessionlab run", the command that failed.</param>
    /// <param name="exception">What it threw.</param>
    /// <returns>The line to print: the command, the exception's type and message, and where the trace went.</returns>
    public static string Write(string command, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var line = $"{command}: unexpected error: {exception.GetType().Name}: {CommandLineErrors.OneLine(exception.Message)}";
        try
        {
            var path = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"sessionlab-error-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.txt"));
            File.WriteAllText(path, $"{command}{Environment.NewLine}{exception}{Environment.NewLine}");
            return $"{line} (the full trace is in {path}; please attach it to a bug report)";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return line;
        }
    }
}
