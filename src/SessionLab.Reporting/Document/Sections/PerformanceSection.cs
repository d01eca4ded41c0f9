using System.Globalization;
using SessionLab.Reporting.Analysis;
using SessionLab.Reporting.Localization;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Document.Sections;

/// <summary>(4) The performance table per scheme, peer and ceiling, with the ratios 4.2 measured against its targets.</summary>
internal static class PerformanceSection
{
    public static ReportSection Build(PerformanceFigures performance, ReportText text)
    {
        if (!performance.Any)
        {
            return new ReportSection("performance", text.PerformanceHeading, [new ParagraphBlock(text.PerformanceNotRun)]);
        }

        string Source(string id, ExperimentResult? experiment) => experiment is null ? text.SourceNotRun(id) : Anchors.ToExperiment(id);
        string Text(Figure? figure) => figure?.Text ?? text.NotMeasured;
        var blocks = new List<ReportBlock>
        {
            new ParagraphBlock(text.PerformanceSources(Source("4.1", performance.Latency), Source("4.2", performance.Throughput), Source("4.3", performance.Resources), PerformanceFigures.Users)),
        };
        blocks.AddRange(Missing(performance, text));
        blocks.Add(new TableBlock(
            text.PerformanceCaption,
            text.PerformanceColumns(PerformanceFigures.Users),
            [.. performance.Rows.Select(r => (IReadOnlyList<string>)[r.Target, Text(r.P50), Text(r.P99), Text(r.Qps), Text(r.Memory10K), Text(r.Cpu)])]));

        if (performance.Goals.Count > 0)
        {
            blocks.Add(new TableBlock(
                text.GoalsCaption + $" ({Anchors.ToExperiment("4.2")})",
                text.GoalColumns,
                [.. performance.Goals.Select(g => (IReadOnlyList<string>)[
                    $"{g.Goal.Target} / {g.Goal.Reference}",
                    string.Create(CultureInfo.InvariantCulture, $"≥ {g.Goal.AtLeast:0.00}"),
                    g.Ratio?.Text ?? text.NotMeasured,
                    text.GoalOutcome(g.Goal.Outcome, g.Goal.Reason)])]));
        }
        else if (performance.LegacyRatios is { } ratios)
        {
            blocks.Add(new TableBlock(ratios.Title + $" ({Anchors.ToExperiment("4.2")})", ratios.Columns, ratios.Rows));
        }

        var qps = performance.Rows.Where(r => r.Qps is not null).ToList();
        if (qps.Count > 0)
        {
            var points = qps.Select((r, i) => new ChartPoint(i, r.Qps!.Value, r.Target)).ToList();
            blocks.Add(new ChartBlock("chart-performance-qps", text.QpsChartTitle, ChartKind.Bar, text.TargetAxis, "QPS", [new ChartSeries("QPS", text.TargetAxis, "QPS", points)]));
        }

        return new ReportSection("performance", text.PerformanceHeading, blocks);
    }

    private static IEnumerable<ReportBlock> Missing(PerformanceFigures performance, ReportText text)
    {
        var missing = new List<string>();
        if (performance.Latency is null)
        {
            missing.Add(text.MissingLatency);
        }

        if (performance.Throughput is null)
        {
            missing.Add(text.MissingThroughput);
        }

        if (performance.Resources is null)
        {
            missing.Add(text.MissingResources);
        }

        if (missing.Count > 0)
        {
            yield return new ParagraphBlock(text.MissingColumns(missing));
        }
    }
}
