using System.Globalization;

namespace SessionLab.Topology.Processes;

/// <summary>
/// CPU time and resident memory of a process from /proc, for the resource experiment: sample before and after a period,
/// and the difference of CPU time over wall time is the CPU share (100% = one core busy).
/// </summary>
internal readonly record struct ProcessUsage(int ProcessId, TimeSpan CpuTime, long ResidentBytes, DateTimeOffset At)
{
    // USER_HZ is 100 on every Linux distribution .NET runs on; /proc reports CPU time in these ticks.
    private const double TicksPerSecond = 100;

    public static ProcessUsage? Read(int processId)
    {
        try
        {
            var pid = processId.ToString(CultureInfo.InvariantCulture);
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture); // utime + stime
            var rssPages = long.Parse(File.ReadAllText($"/proc/{pid}/statm").Split(' ')[1], CultureInfo.InvariantCulture);
            return new ProcessUsage(processId, TimeSpan.FromSeconds(ticks / TicksPerSecond), rssPages * Environment.SystemPageSize, DateTimeOffset.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>CPU share between two samples of the same process, in percent of one core.</summary>
    public static double CpuPercent(ProcessUsage before, ProcessUsage after)
    {
        var wall = (after.At - before.At).TotalSeconds;
        return wall <= 0 ? 0 : (after.CpuTime - before.CpuTime).TotalSeconds / wall * 100;
    }
}
