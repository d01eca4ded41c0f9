using System.Globalization;
using SessionLab.Reporting.Localization;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Analysis;

/// <summary>
/// The performance table of the plan, read from the typed metrics of 4.1 (P50, P99), 4.2 (QPS, servers' CPU under load)
/// and 4.3 (bytes per session), with their intervals, and 4.2's typed speed targets. Results written before metrics
/// (or goals) existed are read from their tables by column name (<see cref="LegacyRatios"/>). Which of the three
/// experiments ran is kept, so the report can say what is missing.
/// </summary>
internal sealed record PerformanceFigures(
    IReadOnlyList<PerformanceRow> Rows,
    ExperimentResult? Latency,
    ExperimentResult? Throughput,
    ExperimentResult? Resources)
{
    /// <summary>4.2's speed targets as judged, each with its ratio (null when not measured).</summary>
    public IReadOnlyList<(TargetGoal Goal, Figure? Ratio)> Goals { get; init; } = [];

    /// <summary>4.2's "Targets" table, shown as it is only for results written before goals were typed.</summary>
    public ResultTable? LegacyRatios { get; init; }

    /// <summary>Sessions the plan sizes memory for ("memory for 10K users").</summary>
    public const int Users = 10_000;

    /// <summary>
    /// Per-session values below this are heap noise, not state: 4.3 judges a JWT's -2 B as "no memory", and a negative
    /// figure only means a collection shrank the heap during the measurement.
    /// </summary>
    private const double NoiseBytes = 10;

    /// <param name="run">The run whose 4.1, 4.2 and 4.3 fill the table.</param>
    /// <param name="text">The language of the figures' notes ("≈ 0 …", "3 processes") [default: English].</param>
    public static PerformanceFigures From(RunResult run, ReportText? text = null)
    {
        text ??= EnglishReportText.Instance;
        var latency = Completed(run, "4.1");
        var throughput = Completed(run, "4.2");
        var resources = Completed(run, "4.3");

        if (new[] { latency, throughput, resources }.Any(e => e is { Metrics.Count: > 0 }))
        {
            return FromMetrics(latency, throughput, resources, text);
        }

        var targets = new List<string>();
        var p50 = Column(TableLookup.FindTable(latency, "target", "P50"), "P50", targets);
        var p99 = Column(TableLookup.FindTable(latency, "target", "P99"), "P99", targets);
        var qps = Column(TableLookup.FindTable(throughput, "target", "QPS"), "QPS", targets);
        var memory = MemoryColumn(TableLookup.FindTable(resources, "scheme", "bytes per session"), targets, text);
        var cpu = CpuColumn(TableLookup.FindTable(throughput, "target", "process", "CPU %"), targets, text);

        var rows = targets
            .Select(t => new PerformanceRow(t, p50.GetValueOrDefault(t), p99.GetValueOrDefault(t), qps.GetValueOrDefault(t), memory.GetValueOrDefault(t), cpu.GetValueOrDefault(t)))
            .ToList();
        return new PerformanceFigures(rows, latency, throughput, resources) { LegacyRatios = LegacyRatioTable(throughput) };
    }

    /// <summary>Metric names the performance table reads (4.1, 4.2, 4.3).</summary>
    internal static class Names
    {
        public const string P50 = "p50_ms";
        public const string P99 = "p99_ms";
        public const string Qps = "qps";
        public const string BytesPerSession = "bytes_per_session";

        /// <summary>What JWT with revocation keeps per revoked token (its blacklist entry): it keeps nothing per session.</summary>
        public const string BytesPerRevokedToken = "bytes_per_revoked_token";
        public const string ServerCpu = "server_cpu_percent";
    }

    private static PerformanceFigures FromMetrics(ExperimentResult? latency, ExperimentResult? throughput, ExperimentResult? resources, ReportText text)
    {
        var metrics = new[] { latency, throughput, resources }.Where(e => e is not null).SelectMany(e => e!.Metrics).ToList();
        var targets = metrics.Where(m => m.Name is Names.P50 or Names.P99 or Names.Qps or Names.BytesPerSession or Names.BytesPerRevokedToken or Names.ServerCpu)
            .Select(m => m.Target).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        Figure? Find(string target, string name, Func<Metric, Figure> figure) =>
            metrics.FirstOrDefault(m => m.Name == name && string.Equals(m.Target, target, StringComparison.OrdinalIgnoreCase)) is { } m ? figure(m) : null;

        var rows = targets.Select(t => new PerformanceRow(
            t,
            Find(t, Names.P50, m => Measured(m, "0.000")),
            Find(t, Names.P99, m => Measured(m, "0.000")),
            Find(t, Names.Qps, m => Measured(m, "0")),
            Find(t, Names.BytesPerSession, m => Memory(m, text, perRevokedToken: false)) ?? Find(t, Names.BytesPerRevokedToken, m => Memory(m, text, perRevokedToken: true)),
            Find(t, Names.ServerCpu, m => Measured(m, "0")))).ToList();
        var goals = throughput?.Goals
            .Select(g => (g, g.RatioMetric is { } key ? metrics.FirstOrDefault(m => m.Key == key) is { } ratio ? Measured(ratio, "0.00") : null : (Figure?)null))
            .ToList() ?? [];
        return new PerformanceFigures(rows, latency, throughput, resources)
        {
            Goals = goals,
            LegacyRatios = goals.Count == 0 ? LegacyRatioTable(throughput) : null,
        };
    }

    /// <summary>Results written before 4.2's goals were typed keep them only as a table, shown as it is.</summary>
    private static ResultTable? LegacyRatioTable(ExperimentResult? throughput) =>
        throughput?.Goals.Count == 0 ? throughput.Tables.FirstOrDefault(t => t.Title.StartsWith("Targets", StringComparison.OrdinalIgnoreCase)) : null;

    /// <summary>"6,950 (6,700–7,200)" from a metric with an interval.</summary>
    private static Figure Measured(Metric metric, string format)
    {
        var value = metric.Value.ToString(format, CultureInfo.InvariantCulture);
        var text = metric.Low is { } low && metric.High is { } high
            ? $"{value} ({low.ToString(format, CultureInfo.InvariantCulture)}–{high.ToString(format, CultureInfo.InvariantCulture)})"
            : value;
        return new Figure(metric.Value, text, metric.Low, metric.High);
    }

    /// <param name="metric">Bytes per session, or per revoked token, sized for <see cref="Users"/>.</param>
    /// <param name="text">The language of the figure's note.</param>
    /// <param name="perRevokedToken">Whether <paramref name="metric"/> counts bytes per revoked token (JWT with revocation keeps nothing per session).</param>
    private static Figure Memory(Metric metric, ReportText text, bool perRevokedToken)
    {
        // A per-session figure whose interval reaches zero (or below the noise) is no state at all.
        var noState = metric.Value < NoiseBytes || metric.Low is < NoiseBytes;
        var total = noState ? 0 : metric.Value * Users;
        var shown = noState ? text.MemoryNoState(Format(metric.Value))
            : perRevokedToken ? text.MemoryPerRevokedToken(Bytes(total), Format(metric.Value), Users)
            : text.MemoryTotal(Bytes(total), Format(metric.Value), Users);
        return new Figure(total, shown, metric.Low is { } l ? l * Users : null, metric.High is { } h ? h * Users : null);
    }

    /// <summary>The row of a target, or null when no experiment measured it.</summary>
    public PerformanceRow? Row(string target) => Rows.FirstOrDefault(r => string.Equals(r.Target, target, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether any of 4.1, 4.2, 4.3 ran.</summary>
    public bool Any => Latency is not null || Throughput is not null || Resources is not null;

    private static ExperimentResult? Completed(RunResult run, string id) =>
        run.Experiments.FirstOrDefault(e => e.Id == id && e.Status == ExperimentStatus.Completed);

    private static Dictionary<string, Figure> Column(ResultTable? table, string column, List<string> targets)
    {
        var figures = new Dictionary<string, Figure>(StringComparer.OrdinalIgnoreCase);
        if (table is null)
        {
            return figures;
        }

        var index = TableLookup.Column(table, column);
        foreach (var row in table.Rows)
        {
            var text = TableLookup.Cell(row, index);
            if (TableLookup.Number(text) is { } value && row.Count > 0)
            {
                Add(targets, row[0]);
                figures.TryAdd(row[0], new Figure(value, text!.Trim()));
            }
        }

        return figures;
    }

    private static Dictionary<string, Figure> MemoryColumn(ResultTable? table, List<string> targets, ReportText text)
    {
        var figures = new Dictionary<string, Figure>(StringComparer.OrdinalIgnoreCase);
        if (table is null)
        {
            return figures;
        }

        var index = TableLookup.Column(table, "bytes per session");
        foreach (var row in table.Rows)
        {
            if (TableLookup.Number(TableLookup.Cell(row, index)) is { } perSession && row.Count > 0)
            {
                Add(targets, row[0]);
                var total = perSession < NoiseBytes ? 0 : perSession * Users;
                var shown = total == 0 ? text.MemoryNoState(Format(perSession)) : text.MemoryTotal(Bytes(total), Format(perSession), Users);
                figures.TryAdd(row[0], new Figure(total, shown));
            }
        }

        return figures;
    }

    private static Dictionary<string, Figure> CpuColumn(ResultTable? table, List<string> targets, ReportText text)
    {
        var figures = new Dictionary<string, Figure>(StringComparer.OrdinalIgnoreCase);
        if (table is null)
        {
            return figures;
        }

        var index = TableLookup.Column(table, "CPU %");
        // The table lists one row per process; a scheme's cost is the sum over its backends (and its store).
        foreach (var group in table.Rows.Where(r => r.Count > 0).GroupBy(r => r[0], StringComparer.OrdinalIgnoreCase))
        {
            var values = group.Select(r => TableLookup.Number(TableLookup.Cell(r, index))).Where(v => v is not null).Select(v => v!.Value).ToList();
            if (values.Count > 0)
            {
                Add(targets, group.Key);
                var sum = values.Sum();
                figures[group.Key] = new Figure(sum, text.CpuSum(Format(sum), values.Count));
            }
        }

        return figures;
    }

    private static void Add(List<string> targets, string target)
    {
        if (!targets.Contains(target, StringComparer.OrdinalIgnoreCase))
        {
            targets.Add(target);
        }
    }

    private static string Format(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Bytes(double bytes)
    {
        var abs = Math.Abs(bytes);
        return abs >= 1024 * 1024
            ? (bytes / (1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB"
            : (bytes / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " KiB";
    }
}
