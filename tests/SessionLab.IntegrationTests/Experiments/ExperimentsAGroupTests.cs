using System.Globalization;
using SessionLab.Backend.Common;
using SessionLab.Experiments.Sticky;
using SessionLab.Experiments.RedisSessions;
using SessionLab.IntegrationTests.Support;
using SessionLab.Reporting.Model;

namespace SessionLab.IntegrationTests.Experiments;

/// <summary>
/// Experiments 1.2, 1.3, 2.1 and 2.2 in quick mode against one real topology (YARP + Garnet, started once), asserting on
/// what they observed and tabled, never on their verdicts: a refuted hypothesis is a finding, not a test failure.
/// </summary>
public sealed class ExperimentsAGroupTests(ExperimentLab lab) : IClassFixture<ExperimentLab>
{
    [Fact]
    public async Task SessionIsolation_OnlyTheCreatingBackendAnswers200_OnlyItListsTheSession()
    {
        var result = await lab.RunAsync(new SessionIsolationExperiment());

        var stickyPorts = lab.Topology.BackendsOf(SchemeKind.Sticky).Select(b => $":{b.Port}/profile").ToList();
        var direct = result.Observations.Where(o => o.Kind == ObservationKind.Http && stickyPorts.Any(p => o.Url!.EndsWith(p, StringComparison.Ordinal))).ToList();
        Assert.Equal(3, direct.Count);
        Assert.Single(direct, o => o.Status == 200);
        Assert.All(direct.Where(o => o.Status != 200), o => Assert.Contains("session not found", o.Body, StringComparison.Ordinal));

        var backends = Rows(result, 1);
        Assert.Equal(3, backends.Count);
        var creator = Assert.Single(backends, r => r["session present"] == "yes");
        Assert.Equal("200", creator["GET /profile"]);
        Assert.Equal("alice", creator["user"]);
    }

    [Fact]
    public async Task BackendCrash_UsersOfTheKilledBackendGet401_OthersKeep200_NoRequestGets5xx()
    {
        var result = await lab.RunAsync(new BackendCrashExperiment());

        var kill = Assert.Single(result.Observations, o => o.Kind == ObservationKind.Fault);
        Assert.Contains("SIGKILL", kill.Note, StringComparison.Ordinal);
        var killed = Rows(result, 0).Single(r => r["user"] == "total")["original backend"].Split(" on ")[1];
        Assert.Contains($"sticky/{killed}", kill.Note, StringComparison.Ordinal);

        var users = Rows(result, 0).Where(r => r["user"] != "total").ToList();
        Assert.Equal(5, users.Count);
        Assert.True(users.Select(u => u["original backend"]).Distinct().Count() > 1, "five users from distinct /24s all landed on one backend");
        var orphans = users.Where(u => u["original backend"] == killed).ToList();
        Assert.NotEmpty(orphans);
        Assert.All(orphans, u => Assert.Equal("401 session not found", u["status after crash"]));
        Assert.All(orphans, u => Assert.NotEqual(killed, u["new backend"]));
        Assert.All(orphans, u => Assert.StartsWith("200 on ", u["log in again"], StringComparison.Ordinal));
        Assert.All(users.Except(orphans), u => Assert.Equal(("200", u["original backend"]), (u["status after crash"], u["new backend"])));

        var afterKill = result.Observations.Where(o => o.Kind == ObservationKind.Http && o.Sequence > kill.Sequence).ToList();
        Assert.NotEmpty(afterKill);
        Assert.All(afterKill, o => Assert.InRange(o.Status ?? 0, 200, 499));
    }

    [Fact]
    public async Task CrossBackendSharing_EveryBackendServesTheSession_RoundRobinReachesAll_KeyHasJsonAndTtl()
    {
        var result = await lab.RunAsync(new CrossBackendSharingExperiment());

        var backends = Rows(result, 0);
        Assert.Equal(3, backends.Count);
        Assert.All(backends, r => Assert.Equal(("200", "alice (user_id 1001)"), (r["GET /profile"], r["user returned"])));

        var distribution = Rows(result, 1).Where(r => r["backend"] != "total").ToList();
        Assert.Equal(3, distribution.Count);
        Assert.All(distribution, r => Assert.True(int.Parse(r["requests"], CultureInfo.InvariantCulture) > 0, $"{r["backend"]} got no request"));
        Assert.Equal(20, distribution.Sum(r => int.Parse(r["requests"], CultureInfo.InvariantCulture)));

        var value = Assert.Single(result.Observations, o => o.Kind == ObservationKind.Redis && o.Note == "GET").Value;
        Assert.Contains("\"username\":\"alice\"", value, StringComparison.Ordinal);
        var ttl = Assert.Single(result.Observations, o => o.Kind == ObservationKind.Redis && o.Note == "PTTL").TtlMs;
        Assert.InRange(ttl ?? 0, 1, (long)lab.Settings.RedisSessionTtl.TotalMilliseconds);
    }

    [Fact]
    public async Task SlidingExpiry_TtlFallsIdle_ProfileRenewsIt_SessionExpiresPastTheTtl()
    {
        var result = await lab.RunAsync(new SlidingExpiryExperiment());

        var chart = Assert.Single(result.Charts);
        var labelled = chart.Points.Where(p => p.Label is not null).ToDictionary(p => p.Label!, p => p.Y);
        var ttl = lab.Settings.RedisSessionTtl.TotalSeconds;
        var idle = labelled.Single(p => p.Key.StartsWith("after ", StringComparison.Ordinal)).Value;
        Assert.InRange(labelled["login"], ttl * 0.9, ttl);
        Assert.True(idle < labelled["login"], $"TTL did not fall while idle: {idle} vs {labelled["login"]}");
        Assert.True(labelled["/profile"] > idle, $"/profile did not renew the TTL: {labelled["/profile"]} vs {idle}");
        Assert.Contains("key gone", chart.Points.Select(p => p.Label));

        var last = result.Observations.Last(o => o.Kind == ObservationKind.Http);
        Assert.Equal(401, last.Status);
        var exists = result.Observations.Last(o => o.Kind == ObservationKind.Redis);
        Assert.Equal(("EXISTS", "0"), (exists.Note, exists.Value));
    }

    /// <summary>The rows of one table as column → cell, so assertions read by column name.</summary>
    private static List<Dictionary<string, string>> Rows(ExperimentResult result, int table)
    {
        Assert.Equal(ExperimentStatus.Completed, result.Status);
        var t = result.Tables[table];
        return [.. t.Rows.Select(row => t.Columns.Zip(row).ToDictionary(p => p.First, p => p.Second))];
    }
}
