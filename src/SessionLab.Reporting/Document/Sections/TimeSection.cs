using System.Globalization;
using SessionLab.Reporting.Analysis;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Document.Sections;

/// <summary>(7) Wall time per group of experiments, and in total.</summary>
internal static class TimeSection
{
    public static ReportSection Build(RunResult run)
    {
        var rows = run.Experiments
            .GroupBy(e => e.Group)
            .OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<string>)[$"{g.Key} {PlanCatalog.GroupName(g.Key)}", string.Join(", ", g.Select(e => e.Id)), Seconds(g.Sum(e => e.WallSeconds))])
            .ToList();
        rows.Add(["total", $"{run.Experiments.Count} experiment(s)", Seconds(run.Experiments.Sum(e => e.WallSeconds))]);
        var span = Seconds((run.FinishedAt - run.StartedAt).TotalSeconds);
        return new ReportSection("time", "7. Time per group",
        [
            new TableBlock("Wall time of the experiments", ["group", "experiments", "wall time (s)"], rows),
            new ParagraphBlock($"The whole run, including starting and stopping the topology, took {span} s."),
        ]);
    }

    private static string Seconds(double seconds) => seconds.ToString("0.0", CultureInfo.InvariantCulture);
}
