using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Reporting;

public sealed class ResultsJsonTests
{
    [Fact]
    public void SerializeThenDeserialize_KeepsEveryField()
    {
        var run = new RunResult(
            RunResult.CurrentSchemaVersion,
            "20260101-000000-000",
            DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse("2026-01-01T00:01:00Z", System.Globalization.CultureInfo.InvariantCulture),
            Quick: true,
            new LabEnvironment("Debian", "6.1", 2, ".NET 10", "1.0.0", "nginx 1.22.1", "redis-server 7.0.15"),
            [
                new ExperimentResult(
                    "1.1", 1, "t", "q?", ExperimentStatus.Completed, null,
                    new Dictionary<string, string> { ["requests"] = "20" },
                    ["step"],
                    [new Observation(1, 0.5, ObservationKind.Http, "step", "GET", "http://x/health", "127.0.0.1", 200, "server-1", "{}", 1.5)],
                    [new ResultTable("t", ["a"], [["1"]])],
                    [new HypothesisVerdict("H1", "s", Verdict.Refuted, "e")],
                    ["anomaly"],
                    [new ChartSeries("ttl", "s", "ttl", [new ChartPoint(0, 30)])],
                    1.25),
            ]);

        var json = ResultsJson.Serialize(run);
        var back = ResultsJson.Deserialize(json);

        Assert.Contains("\"schema_version\": 2", json, StringComparison.Ordinal);
        Assert.Contains("\"verdict\": \"Refuted\"", json, StringComparison.Ordinal);
        Assert.Equal(json, ResultsJson.Serialize(back));
    }
}
