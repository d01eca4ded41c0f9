using SessionLab.Measurement.Load;
using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.Framework.FaultsUnderLoad;

/// <summary>
/// The charts of a load under a fault: what failed (no answer, a reset, a 5xx) apart from what the servers refused
/// with a 4xx (a session gone, a throttle), each with the time the fault was in force shaded. Counted together, a lost
/// sticky session's 401s looked like thousands of failures of the system a second.
/// </summary>
internal static class ErrorCharts
{
    /// <summary>"failed requests per second: {target}" and "refused requests per second: {target}", shaded.</summary>
    public static IEnumerable<ChartSeries> Of(string target, LoadResult load, IReadOnlyList<FaultMark> faults)
    {
        var windows = Windows(faults, load.DurationSeconds);
        yield return new ChartSeries($"failed requests per second: {target}", "second", "failed (5xx, timeouts, resets)", [.. load.Timeline.Seconds.Select(s => new ChartPoint(s.Second, s.Failed))])
        {
            FaultWindows = windows,
        };
        yield return new ChartSeries($"refused requests per second: {target}", "second", "refused (4xx: session gone, throttled)", [.. load.Timeline.Seconds.Select(s => new ChartPoint(s.Second, s.Refused))])
        {
            FaultWindows = windows,
        };
    }

    /// <summary>
    /// One fault (a kill, a stop) stays in force until the load ends; a fault undone by a later step (kill, then start)
    /// lasts from the first step until the last one was done.
    /// </summary>
    internal static IReadOnlyList<FaultWindow> Windows(IReadOnlyList<FaultMark> faults, double loadSeconds) =>
        faults.Count switch
        {
            0 => [],
            1 => [new FaultWindow(faults[0].AtSeconds, Math.Max(loadSeconds, faults[0].AtSeconds + 0.5), faults[0].Description)],
            _ => [new FaultWindow(faults[0].AtSeconds, Math.Max(faults[^1].DoneAtSeconds, faults[0].AtSeconds + 0.5), $"{faults[0].Description} … {faults[^1].Description}")],
        };
}
