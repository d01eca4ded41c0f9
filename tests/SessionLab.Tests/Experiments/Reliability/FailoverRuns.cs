using SessionLab.Measurement.Load;
using SessionLab.Experiments.Framework.FaultsUnderLoad;

namespace SessionLab.Tests.Experiments.Reliability;

/// <summary>Canned runs of one scheme through a fault.</summary>
internal static class FailoverRuns
{
    public static FailoverRun Run(string scheme, int kept, int lost, Dictionary<string, long>? failures = null, int failedProbes = 0, int other = 0) =>
        new(scheme, "server-1", 1.0, 1000, 1000 - (failures?.Values.Sum() ?? 0), failures ?? [], Timeline(failures ?? []), 40, failedProbes, failedProbes > 0 ? 0.2 : null, 5, 0.05, 3, 40, new SessionTally(kept + lost + other, kept, lost, other));

    /// <summary>Three seconds of load, every failure and refusal in the second one.</summary>
    private static ThroughputTimeline Timeline(Dictionary<string, long> failures)
    {
        var all = failures.Values.Sum();
        var refused = failures.Where(f => !FailureTally.IsFailure(f.Key)).Sum(f => f.Value);
        return new([new(0, 300, 0), new(1, 400, all, refused), new(2, 300, 0)]);
    }
}
