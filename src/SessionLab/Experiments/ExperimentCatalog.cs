using SessionLab.Experiments.Framework;

namespace SessionLab.Experiments;

/// <summary>Every experiment, in the plan's order, and the selection by id (<c>1.2</c>) or group (<c>1</c>).</summary>
internal static class ExperimentCatalog
{
    public static IReadOnlyList<IExperiment> All() =>
    [
        new Group1.IpHashRoutingExperiment(),
        new Group1.SessionIsolationExperiment(),
        new Group1.BackendCrashExperiment(),
        new Group2.CrossBackendSharingExperiment(),
        new Group2.SlidingExpiryExperiment(),
        new Group2.RedisOutageExperiment(),
        new Group3.JwtStatelessnessExperiment(),
        new Group3.JwtExpiryTamperingExperiment(),
        new Group3.BlacklistLogoutExperiment(),
        new Group4.LatencyExperiment(),
        new Group4.ThroughputExperiment(),
        new Group4.ResourcesExperiment(),
        new Group5.SessionIdEntropyExperiment(),
        new Group5.SessionCookieExperiment(),
        new Group5.ForgedTokenExperiment(),
        new Group5.GarbageInputExperiment(),
        new Group5.BruteForceExperiment(),
        new Group5.ProductionPostureExperiment(),
        new Group6.BackendKillUnderLoadExperiment(),
        new Group6.RedisKillUnderLoadExperiment(),
        new Group6.GracefulRestartUnderLoadExperiment(),
        new Group6.SoakExperiment(),
        new Group6.RevocationOutageExperiment(),
        new Group6.PersistenceExperiment(),
        new Group6.SlowStoreExperiment(),
    ];

    /// <summary>The experiments named by ids or groups, in the plan's order; all when none is named.</summary>
    public static IReadOnlyList<IExperiment> Select(IReadOnlyCollection<string> selectors)
    {
        var all = All();
        if (selectors.Count == 0)
        {
            return all;
        }

        var unknown = selectors.Where(s => !all.Any(e => Matches(e.Info, s))).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown experiment or group: {string.Join(", ", unknown)}. Known: {string.Join(", ", all.Select(e => e.Info.Id))} (or a group number).");
        }

        return [.. all.Where(e => selectors.Any(s => Matches(e.Info, s)))];
    }

    private static bool Matches(ExperimentInfo info, string selector) =>
        info.Id == selector || info.Group.ToString(System.Globalization.CultureInfo.InvariantCulture) == selector;
}
