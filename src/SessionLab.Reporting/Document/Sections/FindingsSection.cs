using System.Globalization;
using SessionLab.Reporting.Analysis;
using SessionLab.Reporting.Localization;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Document.Sections;

/// <summary>(2) Key findings: one sub-section per experiment of the run, and the plan's experiments it did not include.</summary>
internal static class FindingsSection
{
    public static ReportSection Build(RunResult run, ReportText text)
    {
        var blocks = new List<ReportBlock>();
        foreach (var experiment in run.Experiments)
        {
            blocks.AddRange(Experiment(experiment, text));
        }

        var coverage = RunCoverage.Of(run);
        if (coverage.NotRun.Count > 0)
        {
            var reached = coverage.NotReached.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            blocks.Add(new HeadingBlock("not-run", text.NotRunHeading));
            blocks.Add(new ParagraphBlock(text.NotRunIntro(coverage.NotReached.Count > 0)));
            blocks.Add(new ListBlock([.. coverage.NotRun.Select(c => text.NotRunItem(c.Id, text.Experiments.Title(c.Id, c.Title), text.GroupName(c.Group), reached.Contains(c.Id)))]));
        }

        return new ReportSection("key-findings", text.FindingsHeading, blocks);
    }

    private static IEnumerable<ReportBlock> Experiment(ExperimentResult experiment, ReportText text)
    {
        var texts = text.Experiments;
        yield return new HeadingBlock(Anchors.Experiment(experiment.Id), text.ExperimentHeading(experiment.Id, texts.Title(experiment.Id, experiment.Title)));
        yield return new ParagraphBlock(text.QuestionLine(texts.Question(experiment.Id, experiment.Question)));
        // The plan's hypotheses as it words them; the verdicts below judge the lab's, which may split or extend them.
        if (texts.PlanHypotheses(experiment.Id) is { Count: > 0 } planned)
        {
            yield return new ParagraphBlock(text.PlanHypothesesIntro);
            yield return new ListBlock(planned);
        }

        yield return new ParagraphBlock(Status(experiment, text));
        if (experiment.Parameters.Count > 0)
        {
            yield return new TableBlock(text.ParametersCaption, text.ParameterColumns, [.. experiment.Parameters.Select(p => (IReadOnlyList<string>)[p.Key, p.Value])]);
        }

        foreach (var table in experiment.Tables)
        {
            yield return new TableBlock(text.TableCaption(table.Title), [.. table.Columns.Select(text.TableColumn)], RowsWithLabels(table, text));
        }

        if (experiment.Verdicts.Count > 0)
        {
            yield return new VerdictsBlock([.. experiment.Verdicts.Select(v => texts.Localize(experiment.Id, v))]);
        }

        if (experiment.Anomalies.Count > 0)
        {
            yield return new ParagraphBlock(text.AnomaliesIntro);
            yield return new ListBlock(experiment.Anomalies);
        }

        foreach (var chart in ChartBlocks.From(experiment, text))
        {
            yield return chart;
        }
    }

    /// <summary>The table's rows with their first cell in the report's language where it is one of the lab's labels.</summary>
    private static IReadOnlyList<IReadOnlyList<string>> RowsWithLabels(ResultTable table, ReportText text) =>
        table.Columns.Count == 0
            ? table.Rows
            : [.. table.Rows.Select(r => r.Count == 0 ? r : (IReadOnlyList<string>)[text.TableRowLabel(table.Columns[0], r[0]), .. r.Skip(1)])];

    private static string Status(ExperimentResult experiment, ReportText text)
    {
        var wall = experiment.WallSeconds.ToString("0.0##", CultureInfo.InvariantCulture);
        return experiment.Status switch
        {
            ExperimentStatus.Completed => text.StatusCompleted(wall, experiment.Observations.Count),
            ExperimentStatus.Failed => text.StatusFailed(wall, experiment.Failure ?? text.NoReason),
            _ => text.StatusSkipped(experiment.Failure),
        };
    }
}
