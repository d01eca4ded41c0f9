using SessionLab.Experiments.Jwt;
using SessionLab.Experiments.RedisSessions;
using SessionLab.Experiments.Sticky;
using SessionLab.IntegrationTests.Support;
using SessionLab.Reporting.Model;

namespace SessionLab.IntegrationTests.Experiments;

/// <summary>
/// The experiments of what mature session managers have (log out everywhere, absolute lifetime, refresh-token rotation,
/// cookie affinity) in quick mode against one real topology (YARP + Garnet): assertions on what was observed and
/// tabled, never on verdicts, which are the experiments' findings.
/// </summary>
public sealed class MatureFeaturesExperimentsTests(ExperimentLab lab) : IClassFixture<ExperimentLab>
{
    [Fact]
    public Task LogoutEverywhere_RedisDevicesAllRefused_StaleIdsLeaveTheIndex_StickyOnlyTheCallersBackend() => AssertLogoutEverywhereAsync(lab);

    internal static async Task AssertLogoutEverywhereAsync(ExperimentLab lab)
    {
        var result = await lab.RunAsync(new LogoutEverywhereExperiment());

        var devices = Rows(result, 0);
        var redis = devices.Where(r => r["scheme"] == "redis").ToList();
        Assert.Equal(3, redis.Count);
        Assert.All(redis, r => Assert.Equal(("401 session not found", "gone"), (r["GET /profile after /logout-all"], r["session key in Redis"])));

        var sticky = devices.Where(r => r["scheme"] == "sticky").ToList();
        Assert.Equal(3, sticky.Select(r => r["logged in on"]).Distinct().Count());
        Assert.Equal("401 session not found", sticky.Single(r => r["device"].Contains("called", StringComparison.Ordinal))["GET /profile after /logout-all"]);

        var replies = Rows(result, 1).ToDictionary(r => r["scheme"]);
        Assert.Equal(("3", "all backends", "gone"), (replies["redis"]["sessions_ended"], replies["redis"]["scope"], replies["redis"]["user index in Redis after"]));
        Assert.Equal(("1", "this backend"), (replies["sticky"]["sessions_ended"], replies["sticky"]["scope"]));

        var stale = Rows(result, 2).ToDictionary(r => r["measure"], r => r["value"]);
        var fresh = stale["fresh session"];
        Assert.Equal($"1: {fresh}", stale["GET /sessions lists"]);
        Assert.Equal($"1: {fresh}", stale["index members after that read"]);
        Assert.Equal(3, result.Verdicts.Count);
    }

    [Fact]
    public Task AbsoluteLifetime_BusySessionsServedUntilTheLimitThenRefused_RedisTtlNeverPastIt() => AssertAbsoluteLifetimeAsync(lab);

    internal static async Task AssertAbsoluteLifetimeAsync(ExperimentLab lab)
    {
        var result = await lab.RunAsync(new AbsoluteLifetimeExperiment());

        var rows = Rows(result, 0).ToDictionary(r => r["scheme"]);
        Assert.Equal(["redis", "sticky"], rows.Keys.Order(StringComparer.Ordinal));
        foreach (var row in rows.Values)
        {
            var before = row["200 before the limit"].Split(" of ");
            Assert.Equal(before[1], before[0]);
            Assert.True(int.Parse(before[0], System.Globalization.CultureInfo.InvariantCulture) >= 8, $"{row["scheme"]}: only {before[0]} requests before the limit");
            Assert.StartsWith("401 session not found", row["reply after the limit"], StringComparison.Ordinal);
        }

        Assert.True(double.Parse(rows["redis"]["Redis TTL reached past the limit (max, ms)"], System.Globalization.CultureInfo.InvariantCulture) <= 50);
        Assert.Equal("gone", rows["redis"]["session key after"]);
        Assert.Single(result.Charts);
    }

    [Fact]
    public Task RefreshTokenRotation_RotatesAndExpires_ReplayRevokesTheFamily_LogoutAllRevokesEveryDevice() => AssertRefreshTokenRotationAsync(lab);

    internal static async Task AssertRefreshTokenRotationAsync(ExperimentLab lab)
    {
        var result = await lab.RunAsync(new RefreshTokenRotationExperiment());

        var rotation = Rows(result, 0).ToDictionary(r => r["step"], r => r["reply"]);
        Assert.Equal("200 (with a refresh token)", rotation["POST /login"]);
        Assert.Equal("401 token expired", rotation["GET /profile with it once its lifetime passed"]);
        Assert.Equal("200", rotation["GET /profile with the newest access token"]);
        Assert.Equal("3 of 3", rotation["distinct refresh tokens seen"]);

        var reuse = Rows(result, 1).ToDictionary(r => r["variant"]);
        Assert.All(reuse.Values, r => Assert.Equal(
            ("401 refresh token reused; its family is revoked", "401 refresh token revoked"),
            (r["victim's replay"], r["thief's next refresh"])));
        Assert.Equal("401 token revoked", reuse[RefreshTokenRotationExperiment.Checked]["thief's access token after"]);
        Assert.Equal("200", reuse[RefreshTokenRotationExperiment.Unchecked]["thief's access token after"]);

        var devices = Rows(result, 2);
        Assert.Equal(6, devices.Count);
        Assert.All(devices, r => Assert.Equal("401 refresh token revoked", r["its refresh token after"]));
        Assert.All(devices.Where(r => r["variant"] == RefreshTokenRotationExperiment.Checked), r => Assert.Equal("401 token revoked", r["its access token after (GET /profile)"]));

        var end = Rows(result, 3).ToDictionary(r => r["measure"], r => r["value"]);
        Assert.StartsWith("401", end["after the limit"], StringComparison.Ordinal);
        Assert.Equal(6, result.Verdicts.Count);
    }

    [Fact]
    public Task SharedAddress_IpHashPutsTheOfficeOnOneBackend_CookieAffinitySpreadsAndKeepsThem() => AssertSharedAddressAsync(lab);

    /// <summary>1.4 on either engine set: the second balancer really ran in front of the same backends.</summary>
    internal static async Task AssertSharedAddressAsync(ExperimentLab lab)
    {
        var result = await lab.RunAsync(new SharedAddressExperiment());

        var spread = Rows(result, 0).ToDictionary(r => r["policy"]);
        Assert.Equal("1 of 3", spread["ip_hash"]["backends used"]);
        Assert.Equal("100 %", spread["ip_hash"]["largest share"]);
        Assert.NotEqual("1 of 3", spread["cookie affinity"]["backends used"]);
        var kept = Rows(result, 1).ToDictionary(r => r["policy"]);
        Assert.All(kept.Values, r => Assert.Equal(("30 of 30", "30", "0"), (r["logins 200"], r["users all of whose requests got 200 from their backend"], r["users served by another backend"])));
        Assert.Contains(result.Observations, o => o.Kind == ObservationKind.Http && o.Url!.Contains($":{lab.Topology.Ports.ExtraBackend(1)}/", StringComparison.Ordinal));
    }

    [Fact]
    public Task Failback_OrphansLoseTheirSessionAtTheCrash_IpHashSendsThemBack_YarpCookieAffinityKeepsThem() => AssertFailbackAsync(lab);

    /// <summary>
    /// 1.5 on either engine set: the crash and the restart happened, every orphan lost its session and logged in again
    /// elsewhere, nobody else lost anything, and ip_hash sent the moved users back. Cookie affinity is the engines'
    /// difference: YARP re-affinitizes a redistributed client, nginx's consistent hash of the unchanged cookie sends it back.
    /// </summary>
    internal static async Task AssertFailbackAsync(ExperimentLab lab)
    {
        var result = await lab.RunAsync(new FailbackExperiment());

        Assert.Contains(result.Observations, o => o.Kind == ObservationKind.Fault && o.Note!.Contains("SIGKILL", StringComparison.Ordinal));
        var lost = Rows(result, 1).ToDictionary(r => r["policy"]);
        var victim = lost["ip_hash"].Keys.Single(k => k.StartsWith("users on ", StringComparison.Ordinal));
        foreach (var row in lost.Values)
        {
            Assert.True(int.Parse(row[victim], System.Globalization.CultureInfo.InvariantCulture) > 0, $"{row["policy"]}: nobody on the killed backend");
            Assert.Equal(row[victim], row["lost at the crash"]);
            Assert.Equal(row[victim], row["moved and logged in again"]);
            Assert.Equal("0", row["other users' sessions lost"]);
        }

        Assert.Equal(lost["ip_hash"][victim], lost["ip_hash"]["sent back to it"]);
        var yarp = lab.Topology.LoadBalancer.Description.StartsWith("YARP", StringComparison.Ordinal);
        Assert.Equal(yarp ? "0" : lost["cookie affinity"][victim], lost["cookie affinity"]["sent back to it"]);
    }

    /// <summary>The rows of one table as column → cell, so assertions read by column name.</summary>
    internal static List<Dictionary<string, string>> Rows(ExperimentResult result, int table)
    {
        Assert.Equal(ExperimentStatus.Completed, result.Status);
        var t = result.Tables[table];
        return [.. t.Rows.Select(row => t.Columns.Zip(row).ToDictionary(p => p.First, p => p.Second))];
    }
}

/// <summary>The same experiments on nginx and redis-server: 1.4 and 1.5 start a balancer of their own, 2.4, 2.5 and 3.4 use the store.</summary>
public sealed class SystemEnginesMatureFeaturesExperimentsTests(SystemEnginesExperimentLab lab) : IClassFixture<SystemEnginesExperimentLab>
{
    [Fact]
    public Task SharedAddress_OnNginx_IpHashPutsTheOfficeOnOneBackend_CookieAffinitySpreadsAndKeepsThem() =>
        MatureFeaturesExperimentsTests.AssertSharedAddressAsync(lab);

    [Fact]
    public Task Failback_OnNginx_OrphansLoseTheirSessionAtTheCrash_BothPoliciesSendThemBack() =>
        MatureFeaturesExperimentsTests.AssertFailbackAsync(lab);

    // 2.4, 2.5 and 3.4 read and write Redis keys (sorted-set index, TTLs, refresh families): redis-server as well as Garnet.
    [Fact]
    public Task LogoutEverywhere_OnRedisServer() => MatureFeaturesExperimentsTests.AssertLogoutEverywhereAsync(lab);

    [Fact]
    public Task AbsoluteLifetime_OnRedisServer() => MatureFeaturesExperimentsTests.AssertAbsoluteLifetimeAsync(lab);

    [Fact]
    public Task RefreshTokenRotation_OnRedisServer() => MatureFeaturesExperimentsTests.AssertRefreshTokenRotationAsync(lab);
}
