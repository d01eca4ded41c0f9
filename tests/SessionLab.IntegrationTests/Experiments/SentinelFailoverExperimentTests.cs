using SessionLab.Experiments.Framework;
using SessionLab.Experiments.Reliability;
using SessionLab.IntegrationTests.Support;
using SessionLab.Topology.Processes;
using SessionLab.Topology.Stores.Sentinel;

namespace SessionLab.IntegrationTests.Experiments;

/// <summary>
/// 6.8 with tiny loads beside a YARP + Garnet topology: it starts its own Sentinel group, really fails it over twice
/// (asynchronous, then WAIT 1), reads every acknowledged write back, and leaves no Redis process or port behind.
/// No timing thresholds: a noisy 2-core machine decides nothing here.
/// </summary>
public sealed class SentinelFailoverExperimentTests(SentinelFailoverLab lab) : IClassFixture<SentinelFailoverLab>
{
    [Fact]
    public async Task SentinelFailover_TwoFailovers_EveryAcknowledgedWriteReadBack_GroupStoppedAfter()
    {
        RealEngines.Require("redis-server");
        RealEngines.Require("redis-sentinel");

        var result = await lab.RunAsync(new SentinelFailoverExperiment());

        Assert.Equal(["H1", "H2", "H3", "H4", "H5"], result.Verdicts.Select(v => v.Id));
        // Both failovers' tables and the latency table; when the WAIT 1 failover could not run, the anomalies say why.
        Assert.True(result.Tables.Count == 3, $"{result.Tables.Count} tables: {string.Join(" | ", result.Tables.Select(t => t.Title))}; anomalies: {string.Join(" | ", result.Anomalies)}");
        foreach (var table in result.Tables.Take(2))
        {
            var rows = table.Rows.ToDictionary(r => r[0]);
            Assert.StartsWith("sessionlab 127.0.0.1 ", rows["Sentinel announced the new primary (s after the kill)"][2], StringComparison.Ordinal);
            Assert.NotEqual("0", rows["writes acknowledged (login 200 / logout 200)"][1]);
            Assert.NotEqual("0", rows["writes acknowledged (login 200 / logout 200)"][2]);
            Assert.Equal("0", rows["of those unanswered when checked"][1]);
        }

        Assert.Contains(result.Observations, o => o.Note is { } note && note.Contains("+switch-master", StringComparison.Ordinal));
        var metrics = result.Metrics.ToDictionary(m => m.Key, m => m.Value);
        Assert.Equal(
            double.Parse(result.Tables[0].Rows.Single(r => r[0] == "writes acknowledged (login 200 / logout 200)")[1], System.Globalization.CultureInfo.InvariantCulture),
            metrics["redis/acknowledged_writes@asynchronous replication"]);
        Assert.Contains("jwt + revocation/acknowledged_writes_lost@asynchronous replication", metrics.Keys);
        Assert.All(new SentinelEngine().Ports(lab.Topology.Ports), port => Assert.Null(ProcFs.ListenerOf(port)));
    }
}

/// <summary>The lab with a short 6.8: 2 readers per scheme, 8 s per failover.</summary>
public sealed class SentinelFailoverLab : ExperimentLab
{
    internal override ExperimentSettings Settings { get; } = new(Quick: true) { Concurrency = 2, Duration = TimeSpan.FromSeconds(8) };
}
