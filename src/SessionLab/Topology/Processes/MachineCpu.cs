using System.Globalization;

namespace SessionLab.Topology.Processes;

/// <summary>The whole machine's CPU time from /proc/stat: busy and total ticks, to tell whether a measurement saturated it.</summary>
internal readonly record struct MachineCpu(long BusyTicks, long TotalTicks)
{
    public static MachineCpu? Read()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var total = fields.Sum();
            // idle (3) and iowait (4) are the time no process ran.
            return new MachineCpu(total - fields[3] - fields[4], total);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Percent of all cores busy between two samples (100 = every core busy all the time).</summary>
    public static double BusyPercent(MachineCpu before, MachineCpu after) =>
        after.TotalTicks <= before.TotalTicks ? 0 : (after.BusyTicks - before.BusyTicks) * 100.0 / (after.TotalTicks - before.TotalTicks);
}
