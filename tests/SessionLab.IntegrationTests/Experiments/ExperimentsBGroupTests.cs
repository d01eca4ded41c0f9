using SessionLab.Experiments.RedisSessions;
using SessionLab.Experiments.Jwt;
using SessionLab.IntegrationTests.Support;
using SessionLab.Reporting.Model;

namespace SessionLab.IntegrationTests.Experiments;

/// <summary>
/// Experiments 2.3, 3.1, 3.2 and 3.3 in quick mode against one real topology (YARP + Garnet): the assertions are on
/// what was observed (statuses, bodies, Redis readings), never on verdicts, which are the experiments' findings.
/// </summary>
public sealed class ExperimentsBGroupTests(ExperimentLab fixture) : IClassFixture<ExperimentLab>
{
    [Fact]
    public async Task RedisOutage_ProfilesFailWithAReplyDuringTheOutage_LoginWorksAfterTheRestart()
    {
        var result = await fixture.RunAsync(new RedisOutageExperiment());

        var outage = Http(result, "each user calls /profile").Where(o => o.Method == "GET").ToList();
        Assert.Equal(5, outage.Count);
        Assert.All(outage, o => Assert.True(o.Status is > 0 and not 200, $"{o.Url} got {o.Status} {o.Note}"));
        Assert.Contains(Http(result, "a new user logs in"), o => o.Method == "POST" && o.Status == 200);
        Assert.All(Http(result, "the old users call /profile"), o => Assert.NotEqual(200, o.Status));
        AssertTablesFilled(result);
    }

    [Fact]
    public async Task JwtStatelessness_ProfileAnswers200WhileRedisIsDown_AndOnEveryBackend()
    {
        var result = await fixture.RunAsync(new JwtStatelessnessExperiment());

        var whileDown = Http(result, "kill -9 Redis").Where(o => o.Url!.EndsWith("/profile", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, whileDown.Count);
        Assert.All(whileDown, o => Assert.Equal(200, o.Status));
        var direct = Http(result, "send the token directly").ToList();
        Assert.Equal(3, direct.Select(o => o.ServerId).Distinct().Count());
        Assert.All(direct, o => Assert.Equal(200, o.Status));
        Assert.Contains(result.Observations, o => o.Kind == ObservationKind.Fault && o.Note!.Contains("SIGKILL", StringComparison.Ordinal) && o.Note.Contains("jwt/", StringComparison.Ordinal));
        AssertTablesFilled(result);
    }

    [Fact]
    public async Task JwtExpiryTampering_ExpiredTokenAndForgedPayloadAreRefusedWithTheirReasons()
    {
        var result = await fixture.RunAsync(new JwtExpiryTamperingExperiment());

        var forged = Assert.Single(Http(result, "rewrite the payload"));
        Assert.Equal(401, forged.Status);
        Assert.Contains("invalid signature", forged.Body, StringComparison.Ordinal);
        var expired = Assert.Single(Http(result, "GET /profile at T0+6"));
        Assert.Equal(401, expired.Status);
        Assert.Contains("token expired", expired.Body, StringComparison.Ordinal);
        Assert.Equal(200, Assert.Single(Http(result, "GET /profile at T0"), o => o.Step == "GET /profile at T0").Status);
        AssertTablesFilled(result);
    }

    [Fact]
    public async Task BlacklistLogout_KeyHasATtlAfterLogout_RevokedTokenIsRefused_LatenciesMeasured()
    {
        var result = await fixture.RunAsync(new BlacklistLogoutExperiment());

        var ttl = result.Observations.First(o => o.Kind == ObservationKind.Redis && o.Key!.StartsWith("blacklist:", StringComparison.Ordinal) && o.TtlMs is not null);
        Assert.True(ttl.TtlMs > 0, $"TTL of {ttl.Key}: {ttl.TtlMs} ms");
        Assert.All(
            Http(result, "the revoked token").Where(o => o.Url!.EndsWith("/profile-with-blacklist", StringComparison.Ordinal)),
            o => Assert.Contains("token revoked", o.Body, StringComparison.Ordinal));
        var latency = result.Tables.Single(t => t.Title.StartsWith("Latency", StringComparison.Ordinal));
        Assert.Equal(4, latency.Rows.Count);
        Assert.All(latency.Rows, r => Assert.True(double.Parse(r[4], System.Globalization.CultureInfo.InvariantCulture) > 0));
        var overhead = Assert.Single(result.Metrics, m => m.Key == "jwt + revocation/blacklist_overhead_percent");
        Assert.NotEmpty(overhead.Rounds!);
        AssertTablesFilled(result);
    }

    private static IEnumerable<Observation> Http(ExperimentResult result, string stepPrefix) =>
        result.Observations.Where(o => o.Kind == ObservationKind.Http && o.Step.StartsWith(stepPrefix, StringComparison.Ordinal));

    private static void AssertTablesFilled(ExperimentResult result)
    {
        Assert.True(result.Status == ExperimentStatus.Completed, result.Failure);
        Assert.NotEmpty(result.Tables);
        Assert.All(result.Tables, t => Assert.All(t.Rows, r =>
        {
            Assert.Equal(t.Columns.Count, r.Count);
            Assert.All(r, cell => Assert.False(string.IsNullOrWhiteSpace(cell), $"empty cell in '{t.Title}'"));
        }));
    }
}
