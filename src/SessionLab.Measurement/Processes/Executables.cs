namespace SessionLab.Measurement.Processes;

/// <summary>
/// The lab's one way to find a program: on PATH the way a shell would, then in folders a non-root PATH often lacks; a
/// file that nobody may execute is no installation.
/// </summary>
internal static class Executables
{
    /// <summary>Where system programs live although a normal user's PATH may not list them (Debian puts nginx and redis-server in sbin).</summary>
    public static readonly IReadOnlyList<string> SystemFolders = ["/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin"];

    /// <summary>
    /// The full path of <paramref name="program"/>: itself when it is a path, else the first executable of that name on
    /// PATH, then in <see cref="SystemFolders"/>; null if none.
    /// </summary>
    public static string? Find(string program) =>
        Find(program, Environment.GetEnvironmentVariable("PATH"), SystemFolders.Select(folder => Path.Combine(folder, program)));

    /// <summary>
    /// The first executable <paramref name="program"/> in the folders of <paramref name="pathVariable"/> (null: none),
    /// else the first executable of <paramref name="fallbacks"/> (full paths); a <paramref name="program"/> that is a
    /// path is checked alone. Null if none.
    /// </summary>
    public static string? Find(string program, string? pathVariable, IEnumerable<string> fallbacks)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        if (program.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return IsExecutable(program) ? Path.GetFullPath(program) : null;
        }

        return (pathVariable ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(folder => Path.Combine(folder, program))
            .Concat(fallbacks)
            .FirstOrDefault(IsExecutable);
    }

    /// <summary>Whether <paramref name="path"/> is a file someone may execute: a non-executable file of that name is no installation.</summary>
    public static bool IsExecutable(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & AnyExecute) != 0;
    }
}
