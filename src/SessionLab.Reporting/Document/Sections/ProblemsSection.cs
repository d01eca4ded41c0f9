using SessionLab.Reporting.Analysis;
using SessionLab.Reporting.Localization;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Document.Sections;

/// <summary>(3) Problems met: every failure, anomaly, and refuted or inconclusive hypothesis, with the lab's explanation.</summary>
internal static class ProblemsSection
{
    public static ReportSection Build(RunResult run, ReportText text)
    {
        var texts = text.Experiments;
        var items = new List<string>();
        foreach (var experiment in run.Experiments)
        {
            var link = Anchors.ToExperiment(experiment.Id);
            if (experiment.Status != ExperimentStatus.Completed)
            {
                items.Add(text.NotCompleted(link, texts.Title(experiment.Id, experiment.Title), experiment.Status, experiment.Failure ?? text.NoReason));
            }

            foreach (var verdict in experiment.Verdicts.Where(v => v.Verdict != Verdict.Confirmed))
            {
                var shown = texts.Localize(experiment.Id, verdict);
                items.Add(text.ProblemVerdict(link, verdict.Id, verdict.Verdict, shown.Statement, shown.Evidence));
            }

            foreach (var anomaly in experiment.Anomalies)
            {
                items.Add(text.ProblemAnomaly(link, anomaly));
            }
        }

        IReadOnlyList<ReportBlock> blocks = items.Count == 0
            ? [new ParagraphBlock(text.NoProblems)]
            : [new ParagraphBlock(text.ProblemsIntro), new ListBlock(items)];
        return new ReportSection("problems", text.ProblemsHeading, blocks);
    }
}
