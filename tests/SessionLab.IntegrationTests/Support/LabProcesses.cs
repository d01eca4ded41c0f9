using SessionLab.Topology;

namespace SessionLab.IntegrationTests.Support;

/// <summary>The lab's children as processes, not pids, for the checks that none outlives its topology.</summary>
internal static class LabProcesses
{
    /// <summary>
    /// Each pid with its start time. A pid alone is not a process: with pid_max at 32768 and every .NET thread taking one,
    /// a killed backend's pid is soon reused by a process of another test running beside it.
    /// </summary>
    public static IEnumerable<ProcessStamp> Stamps(IEnumerable<int> pids) =>
        pids.Where(pid => pid != Environment.ProcessId).Select(ProcessStamp.Of).OfType<ProcessStamp>().ToList();
}
