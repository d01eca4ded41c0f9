using System.Diagnostics;

namespace SessionLab.Topology.Processes;

/// <summary>Finds system programs (nginx, redis-server) on PATH and in the sbin folders a non-root PATH often lacks.</summary>
internal static class ExecutableFinder
{
    private static readonly string[] ExtraFolders = ["/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin"];

    public static string? Find(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(ExtraFolders)
            .Select(folder => Path.Combine(folder, program))
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

    /// <summary>Runs a program briefly (e.g. <c>--version</c>) and returns stdout and stderr together.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The file cannot be run (no permission, not a program).</exception>
    public static string Capture(string fileName, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(5000))
        {
            process.Kill(entireProcessTree: true);
        }

        return stdout.Result + stderr.Result;
    }
}
