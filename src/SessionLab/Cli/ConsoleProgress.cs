using Spectre.Console;

namespace SessionLab.Cli;

/// <summary>Prints progress lines at once and in order (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
internal sealed class ConsoleProgress : IProgress<string>
{
    public void Report(string value) => AnsiConsole.MarkupLineInterpolated($"[grey]{value}[/]");
}
