using System.Globalization;

namespace SessionLab.Topology.Processes;

/// <summary>The few facts about other processes that only Linux's /proc tells: start times, children, socket owners.</summary>
internal static class ProcFs
{
    /// <summary>Field 22 of /proc/PID/stat; null when the process does not exist or is a zombie (dead, not yet reaped).</summary>
    public static long? StartTimeOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            // The command name (field 2) may contain spaces and parentheses: parse after its last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields[0] is "Z" or "X")
            {
                return null;
            }

            return long.Parse(fields[19], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    public static IEnumerable<int> ChildrenOf(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/task/{pid.ToString(CultureInfo.InvariantCulture)}/children");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            yield return int.Parse(part, CultureInfo.InvariantCulture);
        }
    }

    /// <summary>"nginx (pid 123)" for the process listening on a TCP port, when /proc lets us see it.</summary>
    public static string? ListenerOf(int port)
    {
        var inodes = ListeningInodes(port);
        if (inodes.Count == 0)
        {
            return null;
        }

        foreach (var dir in SafeEnumerate("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            foreach (var fd in SafeEnumerate(Path.Combine(dir, "fd")))
            {
                var target = SafeLink(fd);
                if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal) && inodes.Contains(target[8..^1]))
                {
                    var name = SafeRead(Path.Combine(dir, "comm"))?.Trim() ?? "?";
                    return $"{name} (pid {pid.ToString(CultureInfo.InvariantCulture)})";
                }
            }
        }

        return "another process";
    }

    private static HashSet<string> ListeningInodes(int port)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        var hexPort = port.ToString("X4", CultureInfo.InvariantCulture);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in (SafeRead(table) ?? string.Empty).Split('\n').Skip(1))
            {
                var cols = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // local_address is "IP:PORT" in hex; state 0A is LISTEN; inode is column 10.
                if (cols.Length > 9 && cols[1].EndsWith(":" + hexPort, StringComparison.Ordinal) && cols[3] == "0A")
                {
                    inodes.Add(cols[9]);
                }
            }
        }

        return inodes;
    }

    private static string[] SafeEnumerate(string dir)
    {
        try
        {
            return Directory.GetFileSystemEntries(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string? SafeLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? SafeRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
