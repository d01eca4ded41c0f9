using SessionLab.Experiments.Framework;

namespace SessionLab.Experiments;

/// <summary>Every experiment, in the plan's order, and the selection by id (<c>1.2</c>) or group (<c>1</c>).</summary>
internal static class ExperimentCatalog
{
    /// <summary>
    /// Every experiment class of this assembly, in the plan's order of ids (1.1, 1.2, …, 6.10): adding an experiment
    /// is adding its file, nothing to register.
    /// </summary>
    public static IReadOnlyList<IExperiment> All() =>
    [
        .. typeof(ExperimentCatalog).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IExperiment).IsAssignableFrom(t))
            .Select(t => (IExperiment)Activator.CreateInstance(t)!)
            .OrderBy(e => Version.Parse(e.Info.Id)),
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
