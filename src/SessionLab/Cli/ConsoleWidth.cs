using Spectre.Console;

namespace SessionLab.Cli;

/// <summary>
/// Spectre.Console assumes 80 columns when output is not a terminal and hard-wraps every longer line there, which
/// splits messages in logs and in text a script greps ("pid \n438"). Piped, a line stays one line.
/// </summary>
internal static class ConsoleWidth
{
    /// <summary>Wide enough for any line the lab prints; tables still size to their content.</summary>
    internal const int Unwrapped = 4096;

    public static void UnwrapWhenRedirected()
    {
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = Unwrapped;
        }
    }
}
