using SessionLab.Reporting.Document;
using SessionLab.Reporting.Model;

namespace SessionLab.IntegrationTests.Reporting;

/// <summary>A hand-made report with the shapes the real builder produces: tables, verdicts, line and bar charts.</summary>
internal static class SampleReport
{
    public const int ChartCount = 3;

    public static ReportDocument Build() => new(
        "Session Lab report",
        "Run 20260101-000000 on Debian 12, 2 CPUs — quick mode",
        [
            new ReportSection("environment", "1. Environment",
            [
                new TableBlock("Where the run happened", ["Field", "Value"],
                [
                    ["OS", "Debian GNU/Linux 12"], ["CPUs", "2"], ["Load balancer", "nginx 1.22.1"], ["Store", "redis-server 7.0.15"],
                ]),
            ]),
            new ReportSection("findings", "2. Key findings",
            [
                new HeadingBlock("exp-2-2", "2.2 Sliding expiry in Redis"),
                new ParagraphBlock("The TTL is refreshed on every request; see [performance](#performance) for its cost."),
                new VerdictsBlock(
                [
                    new HypothesisVerdict("H1", "Each request resets the TTL", Verdict.Confirmed, "TTL back to 30 s after each of 5 requests"),
                    new HypothesisVerdict("H2", "Idle sessions expire on time", Verdict.Inconclusive, "expired within 1.2 s of the TTL"),
                    new HypothesisVerdict("H3", "Expiry survives a Redis restart", Verdict.Refuted, "sessions lost: no persistence configured"),
                ]),
                new ChartBlock("chart-ttl", "TTL over time (2.2)", ChartKind.Line, "time (s)", "TTL (s)",
                [
                    Series("session A", [(0, 30), (5, 25), (10, 30), (15, 25), (20, 30), (25, 25), (30, 20), (35, 15)]),
                    Series("session B", [(0, 30), (5, 25), (10, 20), (15, 15), (20, 10), (25, 5), (30, 0)]),
                ]),
            ]),
            new ReportSection("performance", "4. Performance",
            [
                new TableBlock("10K users", ["Scheme", "P50 (ms)", "P99 (ms)", "QPS"],
                [["sticky", "1.2", "4.8", "5200"], ["redis", "1.9", "7.5", "4100"], ["jwt", "0.9", "3.1", "6100"]]),
                new ChartBlock("chart-latency", "Latency by percentile", ChartKind.Line, "percentile", "latency (ms)",
                [
                    Series("sticky", [(50, 1.2), (90, 2.9), (99, 4.8), (99.9, 9.5)]),
                    Series("redis", [(50, 1.9), (90, 4.2), (99, 7.5), (99.9, 14.1)]),
                ]),
                new ParagraphBlock("Throughput against the plain ASP.NET Core baseline:"),
                new ChartBlock("chart-qps", "Requests per second", ChartKind.Bar, "scheme", "requests/s",
                [
                    new ChartSeries("measured", "scheme", "qps",
                        [new ChartPoint(0, 5200, "sticky"), new ChartPoint(1, 4100, "redis"), new ChartPoint(2, 6100, "jwt")]),
                    new ChartSeries("baseline", "scheme", "qps", [new ChartPoint(3, 7000, "ASP.NET Core")]),
                ]),
            ]),
        ]);

    private static ChartSeries Series(string name, (double X, double Y)[] points) =>
        new(name, "x", "y", points.Select(p => new ChartPoint(p.X, p.Y)).ToList());
}
