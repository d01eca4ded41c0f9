using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Charts;

/// <summary>
/// The fault windows a chart shades. Each scheme's run has its own, a few milliseconds apart (each run kills at "3.333 s"
/// of its own load): drawn one on another, three translucent spans look like one dark one with three legend entries.
/// Windows that overlap become one span, named by the first fault and how many runs it stands for.
/// </summary>
internal static class FaultWindowShading
{
    /// <summary>The English name of a window standing for several runs' faults.</summary>
    public const string MoreRunsEnglish = "{0} (and {1} more runs' faults)";

    /// <param name="windows">Every series' fault windows.</param>
    /// <param name="moreRuns">How a merged window is named: <c>{0}</c> the first fault, <c>{1}</c> how many more runs.</param>
    public static IReadOnlyList<FaultWindow> Merge(IReadOnlyList<FaultWindow> windows, string moreRuns = MoreRunsEnglish)
    {
        var merged = new List<(FaultWindow Window, int Runs)>();
        foreach (var window in windows.OrderBy(w => w.From).ThenBy(w => w.To))
        {
            if (merged.Count > 0 && window.From <= merged[^1].Window.To)
            {
                var (last, runs) = merged[^1];
                merged[^1] = (last with { To = Math.Max(last.To, window.To) }, runs + (window.Label == last.Label ? 0 : 1));
                continue;
            }

            merged.Add((window, 1));
        }

        return [.. merged.Select(m => m.Runs == 1 ? m.Window : m.Window with { Label = string.Format(System.Globalization.CultureInfo.InvariantCulture, moreRuns, m.Window.Label, m.Runs - 1) })];
    }
}
