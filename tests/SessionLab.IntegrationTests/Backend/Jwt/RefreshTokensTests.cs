using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SessionLab.Backend.Jwt;
using SessionLab.IntegrationTests.Support;
using StackExchange.Redis;

namespace SessionLab.IntegrationTests.Backend.Jwt;

/// <summary>
/// Rotating refresh tokens against real backends and a real store: rotation across backends, reuse detection revoking
/// the family (thief and victim), <c>/logout-all</c> ending every device's refresh and, where revocation is checked,
/// every access token; clear 4xx for bad requests and 503 without Redis, never a 500.
/// </summary>
public abstract class RefreshTokensTests(RefreshTokensFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IDatabase Redis => fixture.Redis.Database;

    [Fact]
    public async Task Refresh_OnAnotherBackend_RotatesBothTokensAndRedisHoldsNoToken()
    {
        using var client = fixture.Server1.NewClient();
        var login = await LoginAsync(client, "refresh-rotates");

        using var other = fixture.Server2.NewClient();
        var refreshed = await RefreshAsync(other, login.Refresh);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var body = await refreshed.JsonAsync();
        var access = body.GetProperty("token").GetString()!;
        var next = body.GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(login.Refresh, next);
        Assert.NotEqual(login.Access, access);
        Assert.Equal(64, next.Length);
        Assert.Equal("server-2", body.GetProperty("server_id").GetString());
        Assert.InRange(body.GetProperty("expires_in").GetInt64(), 1, 60);
        Assert.True(body.GetProperty("refresh_expires_in").GetInt64() > 3600);
        Assert.Equal(HttpStatusCode.OK, (await client.ProfileAsync(access)).StatusCode);
        Assert.Equal(FamilyOf(login.Access), FamilyOf(access));

        var family = await Redis.HashGetAllAsync(RefreshTokenStore.FamilyKeyOf(FamilyOf(access)));
        Assert.Equal("2", family.Single(f => f.Name == "generation").Value.ToString());
        Assert.DoesNotContain(family, f => f.Value.ToString().Contains(next, StringComparison.Ordinal) || f.Value.ToString().Contains(login.Refresh, StringComparison.Ordinal));
        var ttl = await Redis.KeyTimeToLiveAsync(RefreshTokenStore.FamilyKeyOf(FamilyOf(access)));
        Assert.InRange(ttl!.Value, TimeSpan.FromDays(6.9), TimeSpan.FromDays(7));
    }

    [Fact]
    public async Task Refresh_RetiredTokenReplayed_RevokesTheFamilyForThiefAndVictim()
    {
        using var victim = fixture.Server1.NewClient();
        using var thief = fixture.Server2.NewClient();
        var login = await LoginAsync(victim, "refresh-replayed");
        var stolen = login.Refresh;
        var rotated = await (await RefreshAsync(victim, stolen)).JsonAsync();
        var victimRefresh = rotated.GetProperty("refresh_token").GetString()!;
        var victimAccess = rotated.GetProperty("token").GetString()!;

        var replay = await RefreshAsync(thief, stolen);
        var victimNext = await RefreshAsync(victim, victimRefresh);
        var replayAgain = await RefreshAsync(thief, stolen);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal("refresh token reused; its family is revoked", await replay.ErrorAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, victimNext.StatusCode);
        Assert.Equal("refresh token revoked", await victimNext.ErrorAsync());
        Assert.Equal("refresh token revoked", await replayAgain.ErrorAsync());
        Assert.Equal("reuse detected", (string?)await Redis.HashGetAsync(RefreshTokenStore.FamilyKeyOf(FamilyOf(victimAccess)), "revoked"));

        // Where revocation is checked, the family's access tokens die with it; the stateless /profile cannot know.
        using var checking = fixture.Revoking.NewClient();
        var revoked = await checking.ProfileAsync(victimAccess, "/profile");
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal("token revoked", await revoked.ErrorAsync());
        Assert.Equal(HttpStatusCode.OK, (await victim.ProfileAsync(victimAccess)).StatusCode);
    }

    [Fact]
    public async Task LogoutAll_FromOneOfThreeDevices_EveryRefreshAndCheckedAccessTokenRefused_ANewLoginWorks()
    {
        var devices = new[] { fixture.Server1.NewClient(), fixture.Server2.NewClient(), fixture.Revoking.NewClient() };
        var logins = new List<(string Access, string Refresh)>();
        foreach (var device in devices)
        {
            logins.Add(await LoginAsync(device, "refresh-logout-all"));
        }

        var reply = await devices[0].LogoutAllAsync(logins[0].Access);

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var body = await reply.JsonAsync();
        Assert.Equal(3, body.GetProperty("sessions_ended").GetInt32());
        Assert.False(body.GetProperty("revoked_on_profile").GetBoolean());
        var notBefore = body.GetProperty("tokens_issued_before").GetInt64();
        Assert.True(DateTimeOffset.UtcNow.ToUnixTimeSeconds() >= notBefore, "answered only once the next second began");
        using var checking = fixture.Revoking.NewClient();
        for (var i = 0; i < devices.Length; i++)
        {
            var refresh = await RefreshAsync(devices[i], logins[i].Refresh);
            Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
            Assert.Equal("refresh token revoked", await refresh.ErrorAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, (await checking.ProfileAsync(logins[i].Access)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await devices[0].ProfileAsync(logins[i].Access, "/profile-with-blacklist")).StatusCode);
        }

        // Stateless /profile keeps accepting an unexpired access token: the limitation the reply states.
        Assert.Equal(HttpStatusCode.OK, (await devices[0].ProfileAsync(logins[0].Access)).StatusCode);

        var again = await LoginAsync(devices[1], "refresh-logout-all");
        Assert.Equal(HttpStatusCode.OK, (await checking.ProfileAsync(again.Access)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(devices[1], again.Refresh)).StatusCode);
        foreach (var device in devices)
        {
            device.Dispose();
        }
    }

    [Fact]
    public async Task Logout_RevokesTheTokensFamily_SoItsRefreshTokenIsDeadToo()
    {
        using var client = fixture.Server1.NewClient();
        var login = await LoginAsync(client, "refresh-logout");

        var logout = await client.LogoutAsync(login.Access);
        var refresh = await RefreshAsync(client, login.Refresh);

        Assert.True((await logout.JsonAsync()).GetProperty("refresh_family_revoked").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        Assert.Equal("refresh token revoked", await refresh.ErrorAsync());
    }

    [Fact]
    public async Task Refresh_SameTokenTwiceAtOnce_AtMostOneWinsAndTheFamilyEndsRevoked()
    {
        using var client = fixture.Server1.NewClient();
        using var other = fixture.Server2.NewClient();
        var login = await LoginAsync(client, "refresh-concurrent");

        var replies = await Task.WhenAll(RefreshAsync(client, login.Refresh), RefreshAsync(other, login.Refresh));

        Assert.True(replies.Count(r => r.StatusCode == HttpStatusCode.OK) <= 1);
        Assert.All(replies, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Unauthorized }));
        Assert.Equal("reuse detected", (string?)await Redis.HashGetAsync(RefreshTokenStore.FamilyKeyOf(FamilyOf(login.Access)), "revoked"));
    }

    [Fact]
    public async Task Refresh_BadRequests_ClearErrorsNever500()
    {
        using var client = fixture.Server1.NewClient();
        var login = await LoginAsync(client, "refresh-bad");

        var cases = new (HttpContent Body, HttpStatusCode Status, string Error)[]
        {
            (new StringContent("{\"refresh_token\":", Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest, "request body must be a JSON object with a string refresh_token"),
            (new StringContent("{}", Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest, "request body must be a JSON object with a string refresh_token"),
            (new StringContent("{\"refresh_token\":42}", Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest, "request body must be a JSON object with a string refresh_token"),
            (new StringContent(login.Refresh, Encoding.UTF8, "text/plain"), HttpStatusCode.UnsupportedMediaType, "content type must be application/json"),
            (JsonContent.Create(new { refresh_token = "garbage" }), HttpStatusCode.Unauthorized, "invalid refresh token"),
            (JsonContent.Create(new { refresh_token = new string('!', 64) }), HttpStatusCode.Unauthorized, "invalid refresh token"),
            (JsonContent.Create(new { refresh_token = Tampered(login.Refresh) }), HttpStatusCode.Unauthorized, "invalid refresh token"),
        };

        foreach (var (body, status, error) in cases)
        {
            var reply = await client.PostAsync("/refresh", body, Ct);
            Assert.Equal(status, reply.StatusCode);
            Assert.Equal(error, await reply.ErrorAsync());
        }

        // None of those touched the family: the real token still rotates.
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(client, login.Refresh)).StatusCode);
    }

    [Fact]
    public async Task Refresh_WithoutRedis_503AndLoginToo()
    {
        using var issuer = fixture.Server1.NewClient();
        var login = await LoginAsync(issuer, "refresh-no-redis");
        using var client = fixture.WithoutRedis.NewClient();

        var refresh = await RefreshAsync(client, login.Refresh);
        var loginThere = await client.LoginAsync("refresh-no-redis");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refresh.StatusCode);
        Assert.Equal("refresh token store unavailable", await refresh.ErrorAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, loginThere.StatusCode);
        Assert.Equal("refresh token store unavailable", await loginThere.ErrorAsync());
    }

    [Fact]
    public async Task RefreshOff_LoginHasNoRefreshToken_AndRefreshIs404()
    {
        using var client = fixture.RefreshOff.NewClient();

        var login = await (await client.LoginAsync("refresh-off")).JsonAsync();
        var refresh = await RefreshAsync(client, new string('A', 64));

        Assert.False(login.TryGetProperty("refresh_token", out _));
        Assert.Equal(HttpStatusCode.NotFound, refresh.StatusCode);
        Assert.Equal("refresh tokens are off on this backend (Jwt:RefreshTokens)", await refresh.ErrorAsync());
    }

    private static async Task<(string Access, string Refresh)> LoginAsync(HttpClient client, string username)
    {
        var reply = await client.LoginAsync(username);
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var body = await reply.JsonAsync();
        return (body.GetProperty("token").GetString()!, body.GetProperty("refresh_token").GetString()!);
    }

    private static Task<HttpResponseMessage> RefreshAsync(HttpClient client, string refreshToken) =>
        client.PostAsJsonAsync("/refresh", new { refresh_token = refreshToken }, Ct);

    /// <summary>The access token's <c>sid</c>: its refresh family.</summary>
    private static string FamilyOf(string accessToken) =>
        JsonDocument.Parse(Base64Url.DecodeFromChars(accessToken.Split('.')[1])).RootElement.GetProperty("sid").GetString()!;

    private static string Tampered(string token) => token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];
}

/// <summary>Refresh tokens on redis-server (Garnet where it is not installed).</summary>
public sealed class PreferredStoreRefreshTokensTests(PreferredStoreRefreshTokensFixture fixture) : RefreshTokensTests(fixture), IClassFixture<PreferredStoreRefreshTokensFixture>;

/// <summary>Refresh tokens on the embedded Garnet.</summary>
public sealed class GarnetRefreshTokensTests(GarnetRefreshTokensFixture fixture) : RefreshTokensTests(fixture), IClassFixture<GarnetRefreshTokensFixture>;
