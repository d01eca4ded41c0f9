using System.Globalization;
using SessionLab.Experiments.Security;
using SessionLab.IntegrationTests.Support;
using SessionLab.Reporting.Model;

namespace SessionLab.IntegrationTests.Experiments;

/// <summary>
/// The security probes (group 5) in quick mode against one real topology (YARP + Garnet): the assertions are on what was
/// observed (statuses, ids, cookies), never on verdicts, which are the experiments' findings.
/// </summary>
public sealed class SecurityExperimentsTests(ExperimentLab fixture) : IClassFixture<ExperimentLab>
{
    [Fact]
    public async Task SessionIdEntropy_ThousandLogins_NoDuplicateAnd22Chars()
    {
        var result = await fixture.RunAsync(new SessionIdEntropyExperiment());

        var table = Rows(result, "Session ids collected from logins");
        Assert.Equal("1000 (0)", Value(table, "ids collected"));
        Assert.Equal("43 chars", Value(table, "lengths seen"));
        Assert.Equal("0", Value(table, "duplicates"));
        Assert.Contains(result.Metrics, m => m.Key == "redis/session_ids_collected" && m.Value == 1000);
        Assert.Contains(result.Metrics, m => m.Key == "redis/duplicate_session_ids" && m.Value == 0);
        AssertTablesFilled(result);
    }

    [Fact]
    public async Task SessionCookie_ChosenIdNeverAdopted_ReplayAfterLogoutRefused()
    {
        var result = await fixture.RunAsync(new SessionCookieExperiment());

        var attributes = Rows(result, "Session cookie attributes");
        Assert.All(attributes.Where(r => r[1] == "login"), r => Assert.Equal(["yes", "lax", "/"], r.Skip(2).Take(3).Select(c => c.ToLowerInvariant())));
        var flow = Rows(result, "Session fixation and logout");
        Assert.All(flow.Where(r => r[1].StartsWith("POST /login sending", StringComparison.Ordinal)), r => Assert.EndsWith("id new", r[3], StringComparison.Ordinal));
        Assert.All(flow.Where(r => r[1].StartsWith("GET /profile replaying the issued id", StringComparison.Ordinal)), r => Assert.StartsWith("401", r[3], StringComparison.Ordinal));
        Assert.Equal("401 token revoked", flow.Single(r => r[1].StartsWith("GET /profile-with-blacklist replaying", StringComparison.Ordinal))[3]);
        AssertTablesFilled(result);
    }

    [Fact]
    public async Task ForgedTokens_NoProbeGets200Or5xx()
    {
        var result = await fixture.RunAsync(new ForgedTokenExperiment());

        var probes = Http(result, "GET /profile with ").ToList();
        Assert.True(probes.Count >= 12, $"{probes.Count} probes");
        Assert.All(probes, o => Assert.True(o.Status is >= 400 and < 500, $"{o.Step} got {o.Status} {o.Body}"));
        AssertTablesFilled(result);
    }

    [Fact]
    public async Task GarbageInput_EveryRequestRefusedWith4xx_LegitimateClientServed()
    {
        var result = await fixture.RunAsync(new GarbageInputExperiment());

        var rows = Rows(result, "Garbage requests");
        Assert.Equal(18, rows.Count);
        Assert.All(rows, r => Assert.Matches("^4[0-9][0-9]", r[3]));
        Assert.All(rows, r => Assert.Equal("200", r[5]));
        AssertTablesFilled(result);
    }

    [Fact]
    public async Task BruteForce_SteadyGuesser_RefusedAndThrottledUserUnaffected()
    {
        var result = await fixture.RunAsync(new BruteForceExperiment());

        var row = Assert.Single(Rows(result, "Guessed session ids"));
        var guesses = int.Parse(row[0], CultureInfo.InvariantCulture);
        var unauthorized = int.Parse(row[3], CultureInfo.InvariantCulture);
        var throttled = int.Parse(row[4], CultureInfo.InvariantCulture);
        Assert.Equal(2000, guesses);
        Assert.Equal(guesses, unauthorized + throttled);
        Assert.InRange(throttled, guesses / 2, guesses);
        Assert.Equal(["0", "none"], row.Skip(5).Take(2));
        Assert.All(Rows(result, "Legitimate user's"), r => Assert.Equal("0", r[2]));
        Assert.Contains(result.Metrics, m => m.Key == "redis/guesses_throttled" && m.Value == throttled);
        Assert.Contains(result.Metrics, m => m.Key == "redis/guesses_accepted" && m.Value == 0);
        AssertTablesFilled(result);
    }

    [Fact]
    public async Task ProductionPosture_AnonymousGetsNothing_GuessingThrottled_ForgedRecordRefused_NoSecretLogged()
    {
        var result = await fixture.RunAsync(new ProductionPostureExperiment());

        var anonymous = Rows(result, "An anonymous client");
        Assert.Equal(10, anonymous.Count);
        Assert.All(anonymous, r => Assert.StartsWith(r[2], r[3], StringComparison.Ordinal));
        var guessing = Rows(result, "Password guessing");
        Assert.Equal("401 × 10, 429 × 5", guessing[0][2]);
        Assert.StartsWith("429", guessing[1][2], StringComparison.Ordinal);
        Assert.Equal("200", guessing[2][2]);
        Assert.EndsWith("429 × 1", guessing[3][2], StringComparison.Ordinal);
        Assert.Equal("200", guessing[5][2]);
        Assert.Equal("200", guessing[6][2]);
        var forged = Rows(result, "Session records written");
        Assert.Equal(["200", "401 session not found", "401 session not found"], forged.Select(r => r[2]));
        Assert.Equal("none", Assert.Single(Rows(result, "Secrets searched"))[3]);
        AssertTablesFilled(result);
    }

    private static IReadOnlyList<IReadOnlyList<string>> Rows(ExperimentResult result, string titlePrefix) =>
        result.Tables.Single(t => t.Title.StartsWith(titlePrefix, StringComparison.Ordinal)).Rows;

    private static string Value(IReadOnlyList<IReadOnlyList<string>> rows, string measurePrefix) =>
        rows.Single(r => r[0].StartsWith(measurePrefix, StringComparison.Ordinal))[1];

    private static IEnumerable<Observation> Http(ExperimentResult result, string stepPrefix) =>
        result.Observations.Where(o => o.Kind == ObservationKind.Http && o.Step.StartsWith(stepPrefix, StringComparison.Ordinal));

    private static void AssertTablesFilled(ExperimentResult result)
    {
        Assert.NotEmpty(result.Tables);
        Assert.All(result.Tables, t => Assert.All(t.Rows, r =>
        {
            Assert.Equal(t.Columns.Count, r.Count);
            Assert.All(r, cell => Assert.False(string.IsNullOrWhiteSpace(cell), $"empty cell in '{t.Title}'"));
        }));
    }
}
