namespace SessionLab.Measurement.External;

/// <summary>Finds an executable the way a shell would, so a missing tool is known before anything is started.</summary>
internal static class ToolLocator
{
    /// <summary>The full path of <paramref name="executable"/> (a name looked up on PATH, or a path), or null.</summary>
    public static string? Find(string executable)
    {
        ArgumentException.ThrowIfNullOrEmpty(executable);
        if (executable.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(executable) ? Path.GetFullPath(executable) : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, executable);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
