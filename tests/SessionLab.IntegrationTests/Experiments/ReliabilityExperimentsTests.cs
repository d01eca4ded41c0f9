using SessionLab.Experiments.Reliability;
using SessionLab.IntegrationTests.Support;
using SessionLab.Topology.Processes;

namespace SessionLab.IntegrationTests.Experiments;

/// <summary>
/// Group 6 with tiny loads on a real topology (YARP + Garnet): the faults really happen and the tables say what they did.
/// No timing thresholds: a noisy 2-core machine decides nothing here.
/// </summary>
public sealed class ReliabilityExperimentsTests(ReliabilityLab lab) : IClassFixture<ReliabilityLab>
{
    [Fact]
    public async Task BackendKillUnderLoad_RedisAndJwtLoseNoSession_StickyLosesAll()
    {
        var result = await lab.RunAsync(new BackendKillUnderLoadExperiment());

        var rows = result.Tables[0].Rows.ToDictionary(r => r[0]);
        Assert.StartsWith("8 kept, 0 lost", rows["redis"][^1], StringComparison.Ordinal);
        Assert.StartsWith("8 kept, 0 lost", rows["jwt"][^1], StringComparison.Ordinal);
        Assert.StartsWith("0 kept, 8 lost", rows["sticky"][^1], StringComparison.Ordinal);
        // The orphaned sticky users' 401s are refusals, apart from failures (5xx, transport).
        var columns = result.Tables[0].Columns.ToList();
        Assert.DoesNotContain("401", rows["sticky"][columns.IndexOf("failed: 5xx, transport (by kind)")], StringComparison.Ordinal);
        Assert.StartsWith("401 ×", rows["sticky"][columns.IndexOf("refused: 4xx, session gone (by kind)")], StringComparison.Ordinal);
        Assert.Contains(result.Observations, o => o.Note is { } note && note.Contains("SIGKILL", StringComparison.Ordinal));
        Assert.Equal(3, result.Verdicts.Count);

        // The same figures, typed, for the report and compare.
        var metrics = result.Metrics.ToDictionary(m => m.Key, m => m.Value);
        Assert.Equal(8, metrics["redis/sessions_kept"]);
        Assert.Equal(8, metrics["sticky/sessions_lost"]);
        Assert.Equal(double.Parse(rows["redis"][columns.IndexOf("requests")], System.Globalization.CultureInfo.InvariantCulture), metrics["redis/requests"]);
    }

    [Fact]
    public async Task RedisKillUnderLoad_RedisFailsWith503_JwtHasNoError()
    {
        var result = await lab.RunAsync(new RedisKillUnderLoadExperiment());

        var rows = result.Tables[0].Rows.ToDictionary(r => r[0]);
        Assert.Contains("503", rows["failed: 5xx, transport (by kind)"][1], StringComparison.Ordinal);
        Assert.Equal("none", rows["failed: 5xx, transport (by kind)"][2]);
        Assert.DoesNotContain("timeout", rows["probe replies while Redis was down"][1], StringComparison.Ordinal);
        Assert.EndsWith("s (401)", rows["first reply from the store after Redis answered again"][1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GracefulRestartUnderLoad_DeregisteredFirst_No5xx_BackendBackUp()
    {
        var result = await lab.RunAsync(new GracefulRestartUnderLoadExperiment());

        // Cells by column title (the table gains columns as the experiment learns to tell more apart).
        var rows = MatureFeaturesExperimentsTests.Rows(result, 0);
        Assert.Equal(6, rows.Count);
        var deregistered = rows.Where(r => r["procedure"] == GracefulRestartUnderLoadExperiment.Describe(RestartProcedure.DeregisteredFirst)).ToList();
        Assert.Equal(["sticky", "redis", "jwt"], deregistered.Select(r => r["scheme"]));
        Assert.All(deregistered, r => Assert.Equal("0", r["5xx"]));

        // SIGTERM alone (a) is a finding, not asserted. Deregistered first (b) has no transport failure behind YARP; an
        // nginx reload closes the old workers' idle client keep-alive connections, which a client may be writing to.
        if (lab.Topology.LoadBalancer.Description.StartsWith("YARP", StringComparison.Ordinal))
        {
            Assert.All(deregistered, r => Assert.Equal("0", r["transport failures"]));
        }
        else
        {
            Assert.All(deregistered, r => Assert.DoesNotMatch("refused|timeout|other", r["failed: 5xx, transport (by kind)"]));
        }

        Assert.All(rows, r => Assert.Equal("200", r["its /health after the start"]));
        Assert.Contains(result.Observations, o => o.Note is { } note && note.Contains("SIGTERM", StringComparison.Ordinal));
        Assert.Contains(result.Observations, o => o.Note is { } note && note.Contains("out of the load balancer's rotation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Soak_NoFailure_NoLostSession_EveryBackendsHeapRead()
    {
        var result = await lab.RunAsync(new SoakExperiment());

        var soak = result.Tables[0].Rows;
        Assert.Equal(["sticky", "redis", "jwt"], soak.Select(r => r[0]));
        Assert.All(soak, r => Assert.Equal("none", r[4]));
        Assert.All(soak, r => Assert.StartsWith("8 kept, 0 lost", r[5], StringComparison.Ordinal));
        Assert.All(result.Tables[1].Rows, r => Assert.NotEqual("not read", r[4]));
        Assert.All(new[] { "sticky", "redis", "jwt" }, scheme => Assert.Contains(result.Metrics, m => m.Key == $"{scheme}/sessions_kept" && m.Value == 8));
    }

    [Fact]
    public async Task RevocationOutage_FailClosedRefuses503_FailOpenServes_RevokedTokenAcceptedOnlyByFailOpen()
    {
        var result = await lab.RunAsync(new RevocationOutageExperiment());

        var table = result.Tables[0];
        Assert.Equal(["measure", "fail closed", "fail open"], table.Columns);
        var rows = table.Rows.ToDictionary(r => r[0]);
        Assert.Contains("503", rows["failed: 5xx, transport (by kind)"][1], StringComparison.Ordinal);
        Assert.Equal("none", rows["failed: 5xx, transport (by kind)"][2]);
        Assert.DoesNotContain("200", rows["revoked token while Redis was down"][1], StringComparison.Ordinal);
        Assert.StartsWith("200", rows["revoked token while Redis was down"][2], StringComparison.Ordinal);
        Assert.StartsWith("401", rows["revoked token before the outage"][1], StringComparison.Ordinal);
        var metrics = result.Metrics.ToDictionary(m => m.Key, m => m.Value);
        Assert.Equal(0, metrics["jwt + revocation/revoked_token_accepted_while_down@fail closed"]);
        Assert.True(metrics["jwt + revocation/revoked_token_accepted_while_down@fail open"] > 0);
        Assert.Equal(4, result.Verdicts.Count);
        Assert.Null(ProcFs.ListenerOf(lab.Topology.Ports.ExtraBackend(1)));
        Assert.Null(ProcFs.ListenerOf(lab.Topology.Ports.ExtraBackend(2)));
    }

    [Fact]
    public async Task Persistence_AofStoreKeepsSessionsAndRevocation_PlainStoreLosesThem()
    {
        var result = await lab.RunAsync(new PersistenceExperiment());

        var rows = result.Tables[0].Rows.ToDictionary(r => r[0]);
        var aof = rows["AOF, fsync every second"];
        var plain = rows["no persistence"];
        Assert.Equal(aof[1], aof[2]); // every session kept
        Assert.Equal("0", aof[3]);
        Assert.Equal("401 (still revoked)", aof[6]);
        Assert.Equal("0", plain[2]);
        Assert.Equal(plain[1], plain[3]); // every session lost
        Assert.Contains(result.Metrics, m => m.Key == "redis/sessions_kept_percent@AOF, fsync every second" && m.Value == 100);
        Assert.Contains(result.Metrics, m => m.Key == "jwt + revocation/revoked_token_accepted_after_restart@AOF, fsync every second" && m.Value == 0);
        Assert.Equal("200 (accepted again)", plain[6]);
        Assert.All(result.Tables[1].Rows.Where(r => r[0] == "AOF, fsync every second"), r => Assert.Equal("yes", r[3]));
        Assert.Null(ProcFs.ListenerOf(lab.Topology.Ports.ExtraStore(1)));
        Assert.Null(ProcFs.ListenerOf(lab.Topology.Ports.ExtraStore(2)));
    }

    [Fact]
    public async Task SlowStore_EveryDelayMeasured_PastTheTimeoutStatefulSchemesAnswer503()
    {
        var result = await lab.RunAsync(new SlowStoreExperiment());

        var steps = result.Tables[0].Rows;
        Assert.Equal(12, steps.Count);
        Assert.Equal(["0", "1", "10", "100"], steps.Where(r => r[0] == "redis").Select(r => r[1]));
        var pastTimeout = result.Tables[1].Rows.ToDictionary(r => r[0]);
        Assert.Equal("503 ×5", pastTimeout["redis"][1]);
        Assert.Equal("503 ×5", pastTimeout["jwt + blacklist"][1]);
        Assert.Equal("200 ×5", pastTimeout["jwt, no revocation"][1]);
        // Typed under the variants' names: the feature table quotes the rise at +10 ms.
        var metrics = result.Metrics.ToDictionary(m => m.Key);
        Assert.All(new[] { "redis", "jwt + revocation", "jwt" }, variant => Assert.Contains($"{variant}/median_rise_ms@+10ms", metrics.Keys));
        Assert.Equal(5, metrics["redis/refused_503_past_store_timeout"].Value);
        Assert.Equal(0, metrics["jwt/refused_503_past_store_timeout"].Value);
        Assert.Null(ProcFs.ListenerOf(lab.Topology.Ports.ExtraStore(9)));
    }
}

/// <summary>The lab with small loads (8 workers) for the reliability group.</summary>
public sealed class ReliabilityLab : ExperimentLab
{
    internal override SessionLab.Experiments.Framework.ExperimentSettings Settings { get; } = new(Quick: true) { Concurrency = 8 };
}
