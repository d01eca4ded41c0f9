using System.Globalization;

namespace SessionLab.Topology.LoadBalancing.Nginx;

/// <summary>
/// The master's worker processes as /proc shows them. A worker told to stop gracefully (on a reload) retitles itself
/// "nginx: worker process is shutting down" just before it closes its listening sockets; from then on only the new
/// workers, with the new config, accept connections.
/// </summary>
internal static class NginxWorkers
{
    private const string WorkerTitle = "nginx: worker process";
    private const string ShuttingDownTitle = "nginx: worker process is shutting down";

    /// <summary>One worker: its pid and whether it has begun its graceful shutdown (no longer accepting).</summary>
    internal sealed record Worker(int ProcessId, bool ShuttingDown);

    /// <summary>The live workers of <paramref name="masterPid"/>, from /proc/*/stat (parent) and /proc/*/cmdline (title).</summary>
    public static List<Worker> Of(int masterPid)
    {
        var workers = new List<Worker>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && ParentOf(dir) == masterPid
                && Title(dir) is { } title
                && title.StartsWith(WorkerTitle, StringComparison.Ordinal))
            {
                workers.Add(new Worker(pid, title.StartsWith(ShuttingDownTitle, StringComparison.Ordinal)));
            }
        }

        return workers;
    }

    /// <summary>
    /// True once a reload from <paramref name="before"/> has taken effect: a worker that was not there before serves, and
    /// every worker from before is gone or shutting down (it finishes its requests but accepts no new connection).
    /// </summary>
    public static bool Reloaded(IReadOnlyCollection<int> before, IReadOnlyList<Worker> now) =>
        now.Any(w => !w.ShuttingDown && !before.Contains(w.ProcessId))
        && now.All(w => w.ShuttingDown || !before.Contains(w.ProcessId));

    // /proc/<pid>/stat is "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so read from the last ')'.
    private static int? ParentOf(string dir)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(dir, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[0] is "Z" or "X" ? null : int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    // nginx overwrites its argv with the title and pads it with NULs.
    private static string? Title(string dir)
    {
        try
        {
            return File.ReadAllText(Path.Combine(dir, "cmdline")).TrimEnd('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
