using System.Globalization;
using SessionLab.Reporting.Localization;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Document.Sections;

/// <summary>(7) Wall time per group of experiments, and in total.</summary>
internal static class TimeSection
{
    public static ReportSection Build(RunResult run, ReportText text)
    {
        var rows = run.Experiments
            .GroupBy(e => e.Group)
            .OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<string>)[$"{g.Key} {text.GroupName(g.Key)}", string.Join(", ", g.Select(e => e.Id)), Seconds(g.Sum(e => e.WallSeconds))])
            .ToList();
        rows.Add([text.TotalRow, text.ExperimentCount(run.Experiments.Count), Seconds(run.Experiments.Sum(e => e.WallSeconds))]);
        var span = Seconds((run.FinishedAt - run.StartedAt).TotalSeconds);
        return new ReportSection("time", text.TimeHeading,
        [
            new TableBlock(text.TimeCaption, text.TimeColumns, rows),
            new ParagraphBlock(text.WholeRun(span)),
        ]);
    }

    private static string Seconds(double seconds) => seconds.ToString("0.0", CultureInfo.InvariantCulture);
}
