using SessionLab.Reporting.Analysis;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Document.Sections;

/// <summary>(3) Problems met: every failure, anomaly, and refuted or inconclusive hypothesis, with the lab's explanation.</summary>
internal static class ProblemsSection
{
    public static ReportSection Build(RunResult run)
    {
        var items = new List<string>();
        foreach (var experiment in run.Experiments)
        {
            var link = Anchors.ToExperiment(experiment.Id);
            if (experiment.Status != ExperimentStatus.Completed)
            {
                items.Add($"{link} {experiment.Title} {experiment.Status.ToString().ToLowerInvariant()}: {experiment.Failure ?? "no reason recorded"}");
            }

            foreach (var verdict in experiment.Verdicts.Where(v => v.Verdict != Verdict.Confirmed))
            {
                items.Add($"{link} {verdict.Id} {verdict.Verdict.ToString().ToLowerInvariant()}: {verdict.Statement} Measured: {verdict.Evidence}");
            }

            foreach (var anomaly in experiment.Anomalies)
            {
                items.Add($"{link} anomaly: {anomaly}");
            }
        }

        IReadOnlyList<ReportBlock> blocks = items.Count == 0
            ? [new ParagraphBlock("No failure, anomaly, refuted or inconclusive hypothesis in this run.")]
            : [new ParagraphBlock("Every failure, anomaly, and hypothesis that was not confirmed, with what the lab measured:"), new ListBlock(items)];
        return new ReportSection("problems", "3. Problems met", blocks);
    }
}
