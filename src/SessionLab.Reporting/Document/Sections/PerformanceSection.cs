using SessionLab.Reporting.Analysis;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Document.Sections;

/// <summary>(4) The performance table per scheme, peer and ceiling, with the ratios 4.2 measured against its targets.</summary>
internal static class PerformanceSection
{
    private const string NotMeasured = "not measured";

    public static ReportSection Build(PerformanceFigures performance)
    {
        if (!performance.Any)
        {
            return new ReportSection("performance", "4. Performance", [new ParagraphBlock("Not run in this run: the performance group (4.1 latency, 4.2 throughput, 4.3 resources) was not part of this run, so no figure is reported.")]);
        }

        var blocks = new List<ReportBlock>
        {
            new ParagraphBlock($"P50 and P99 from {Source("4.1", performance.Latency)}, QPS and CPU under load (sum over the target's processes) from {Source("4.2", performance.Throughput)}, memory for {PerformanceFigures.Users:N0} users (bytes per session × {PerformanceFigures.Users:N0}) from {Source("4.3", performance.Resources)}."),
        };
        blocks.AddRange(Missing(performance));
        blocks.Add(new TableBlock(
            "Performance per target",
            ["target", "P50 (ms)", "P99 (ms)", "QPS", $"memory for {PerformanceFigures.Users:N0} users", "CPU under load (% of one core)"],
            [.. performance.Rows.Select(r => (IReadOnlyList<string>)[r.Target, Text(r.P50), Text(r.P99), Text(r.Qps), Text(r.Memory10K), Text(r.Cpu)])]));

        if (performance.Ratios is { } ratios)
        {
            blocks.Add(new TableBlock(ratios.Title + $" ({Anchors.ToExperiment("4.2")})", ratios.Columns, ratios.Rows));
        }

        var qps = performance.Rows.Where(r => r.Qps is not null).ToList();
        if (qps.Count > 0)
        {
            var points = qps.Select((r, i) => new ChartPoint(i, r.Qps!.Value, r.Target)).ToList();
            blocks.Add(new ChartBlock("chart-performance-qps", "QPS per target (4.2)", ChartKind.Bar, "target", "QPS", [new ChartSeries("QPS", "target", "QPS", points)]));
        }

        return new ReportSection("performance", "4. Performance", blocks);
    }

    private static IEnumerable<ReportBlock> Missing(PerformanceFigures performance)
    {
        var missing = new List<string>();
        if (performance.Latency is null)
        {
            missing.Add("4.1 (latency: P50, P99)");
        }

        if (performance.Throughput is null)
        {
            missing.Add("4.2 (throughput: QPS, CPU, ratios)");
        }

        if (performance.Resources is null)
        {
            missing.Add("4.3 (resources: memory)");
        }

        if (missing.Count > 0)
        {
            yield return new ParagraphBlock($"Not run in this run (or not completed): {string.Join(", ", missing)}; those columns read \"{NotMeasured}\".");
        }
    }

    private static string Source(string id, ExperimentResult? experiment) => experiment is null ? $"{id} (not run)" : Anchors.ToExperiment(id);

    private static string Text(Figure? figure) => figure?.Text ?? NotMeasured;
}
