using System.Globalization;
using SessionLab.Experiments.Performance;
using SessionLab.IntegrationTests.Support;

namespace SessionLab.IntegrationTests.Experiments;

/// <summary>
/// Group 4 with tiny loads on a real topology (baselines included): mechanics only — every target measured, every figure
/// filled, memory deltas where they belong. No timing thresholds: a noisy 2-core machine decides nothing here.
/// </summary>
public sealed class PerformanceExperimentsTests(PerformanceLab lab) : IClassFixture<PerformanceLab>
{
    [Fact]
    public async Task Latency_EverySchemeAndPeerMeasuredWithoutFailures()
    {
        var result = await lab.RunAsync(new LatencyExperiment());

        var table = result.Tables[0];
        var targets = table.Rows.Select(r => r[0]).ToList();
        Assert.Contains("sticky", targets);
        Assert.Contains("redis", targets);
        Assert.Contains("jwt", targets);
        Assert.Contains(targets, t => t.StartsWith("aspnet-session", StringComparison.Ordinal));
        Assert.Contains(targets, t => t.StartsWith("jwt-bearer", StringComparison.Ordinal));
        Assert.All(table.Rows, r => Assert.Equal("0", r[^1]));
        Assert.All(table.Rows, r => Assert.True(double.Parse(r[3], CultureInfo.InvariantCulture) > 0));
        Assert.Equal(table.Rows.Count, result.Charts.Count);
        Assert.Equal(3, result.Verdicts.Count);
    }

    [Fact]
    public async Task Throughput_EveryTargetServedRequests_TargetsAndToolTablesFilled()
    {
        var result = await lab.RunAsync(new ThroughputExperiment());

        var throughput = result.Tables[0];
        Assert.All(throughput.Rows, r => Assert.True(double.Parse(r[2], CultureInfo.InvariantCulture) > 0, $"{r[0]} served nothing"));
        Assert.All(throughput.Rows, r => Assert.Equal("0", r[5]));
        Assert.Contains(result.Tables, t => t.Title.StartsWith("Targets", StringComparison.Ordinal));
        Assert.Contains(result.Tables, t => t.Title.StartsWith("Load generator vs wrk", StringComparison.Ordinal));
        Assert.Contains(result.Observations, o => o.Key == "sticky" && o.Value!.Contains("requests=200", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resources_StickySessionsGrowTheBackendHeap_RedisSessionsGrowRedis()
    {
        var result = await lab.RunAsync(new ResourcesExperiment());

        var details = result.Tables.Single(t => t.Title == "Per-session details").Rows.ToDictionary(r => r[0], r => r[1]);
        Assert.True(Bytes(details["sticky: managed heap delta on the holding backend"]) > 0);
        Assert.Contains(result.Observations, o => o.Note == "used_memory" || (o.Note?.StartsWith("INFO", StringComparison.Ordinal) ?? false));
        Assert.Equal(3, result.Verdicts.Count);
    }

    private static long Bytes(string cell) => long.Parse(cell.Replace(" B", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
}
