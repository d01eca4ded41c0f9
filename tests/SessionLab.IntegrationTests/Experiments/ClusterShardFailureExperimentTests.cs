using SessionLab.Experiments.Framework;
using SessionLab.Experiments.Reliability;
using SessionLab.IntegrationTests.Support;
using SessionLab.Topology.Processes;
using SessionLab.Topology.Stores.Cluster;

namespace SessionLab.IntegrationTests.Experiments;

/// <summary>
/// 6.9 with a tiny load beside a YARP + Garnet topology: it starts its own cluster, really kills one shard's primary,
/// reads every acknowledged login back, checks the listing across shards, and leaves no Redis process or port behind.
/// No timing thresholds: a noisy 2-core machine decides nothing here.
/// </summary>
public sealed class ClusterShardFailureExperimentTests(ClusterShardFailureLab lab) : IClassFixture<ClusterShardFailureLab>
{
    [Fact]
    public async Task ClusterShardFailure_OnePrimaryKilled_ReadersByShard_ListingChecked_ClusterStoppedAfter()
    {
        RealEngines.Require("redis-server");
        RealEngines.Require("redis-cli");

        var result = await lab.RunAsync(new ClusterShardFailureExperiment());

        Assert.Equal(["H1", "H2", "H3", "H4", "H5"], result.Verdicts.Select(v => v.Id));
        Assert.Equal(2, result.Tables.Count);
        var shards = result.Tables[0].Rows;
        Assert.Equal(3, shards.Count);
        Assert.Single(shards, r => r[2] == "yes");
        Assert.All(shards, r => Assert.NotEqual("0", r[3]));
        Assert.Contains(result.Observations, o => o.Note is { } note && note.Contains(" promoted, slots ", StringComparison.Ordinal));
        var metrics = result.Metrics.ToDictionary(m => m.Key, m => m.Value);
        Assert.Equal(shards.Sum(r => int.Parse(r[9].Split(" / ")[0], System.Globalization.CultureInfo.InvariantCulture)), metrics["redis/acknowledged_logins"]);
        Assert.Contains("redis/live_sessions_not_listed", metrics.Keys);
        Assert.All(new ClusterEngine().Ports(lab.Topology.Ports), port => Assert.Null(ProcFs.ListenerOf(port)));
    }
}

/// <summary>The lab with a short 6.9: 12 readers, 8 s of load.</summary>
public sealed class ClusterShardFailureLab : ExperimentLab
{
    internal override ExperimentSettings Settings { get; } = new(Quick: true) { Concurrency = 12, Duration = TimeSpan.FromSeconds(8) };
}
