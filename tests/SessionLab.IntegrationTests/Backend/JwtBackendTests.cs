using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SessionLab.Backend.Jwt;
using SessionLab.IntegrationTests.Support;

namespace SessionLab.IntegrationTests.Backend;

/// <summary>
/// Real JWT backends sharing one key: two stateless ones, and one with revocation on. Redis holds the blacklist only.
/// </summary>
public sealed partial class JwtBackendTests : IAsyncLifetime
{
    private readonly string _key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
    private RedisServer _redis = null!;
    private BackendProcess _server1 = null!;
    private BackendProcess _server2 = null!;
    private BackendProcess _revoking = null!;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _redis = await RedisServer.StartPreferredAsync(ct);
        var started = await Task.WhenAll(
            BackendProcess.StartWithJwtKeyAsync("jwt", "server-1", _key, ct, "--redis", _redis.Configuration),
            BackendProcess.StartWithJwtKeyAsync("jwt", "server-2", _key, ct, "--redis", _redis.Configuration),
            BackendProcess.StartWithJwtKeyAsync("jwt", "server-3", _key, ct, "--redis", _redis.Configuration, "--revocation", "on"));
        (_server1, _server2, _revoking) = (started[0], started[1], started[2]);
    }

    public async ValueTask DisposeAsync()
    {
        await _server1.DisposeAsync();
        await _server2.DisposeAsync();
        await _revoking.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Login_ReturnsAnHs256TokenWithThePlansClaims()
    {
        using var client = _server1.NewClient();

        var body = await (await client.LoginAsync("alice")).JsonAsync();

        var token = body.GetProperty("token").GetString()!;
        var parts = token.Split('.');
        var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement;
        var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement;
        Assert.Equal("HS256", header.GetProperty("alg").GetString());
        Assert.Equal(1001, payload.GetProperty("user_id").GetInt32());
        Assert.Equal("alice", payload.GetProperty("username").GetString());
        Assert.Equal("session-demo", payload.GetProperty("iss").GetString());
        Assert.Equal(7200, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
        Assert.True(payload.TryGetProperty("jti", out _));
        Assert.Equal("server-1", body.GetProperty("server_id").GetString());
    }

    [Fact]
    public async Task Profile_TokenFromOneBackend_WorksOnAnother()
    {
        using var one = _server1.NewClient();
        var token = await (await one.LoginAsync("bob")).TokenOfAsync();

        using var two = _server2.NewClient();
        var response = await two.ProfileAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("bob", body.GetProperty("username").GetString());
        Assert.Equal("server-2", body.GetProperty("server_id").GetString());
    }

    [Fact]
    public async Task Profile_NoToken_IsMissingToken()
    {
        using var client = _server1.NewClient();

        var response = await client.ProfileAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("missing token", await response.ErrorAsync());
    }

    [Fact]
    public async Task LoginShort_TokenWorksAtThreeSeconds_ExpiresBySix()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = _server1.NewClient();
        var issued = await (await client.PostAsync("/login-short", null, ct)).JsonAsync();
        var token = issued.GetProperty("token").GetString()!;
        Assert.Equal(1001, issued.GetProperty("user_id").GetInt32());
        Assert.Equal("test", issued.GetProperty("username").GetString());

        Assert.Equal(HttpStatusCode.OK, (await client.ProfileAsync(token)).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        Assert.Equal(HttpStatusCode.OK, (await client.ProfileAsync(token)).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(3.2), ct); // 6.2 s: past exp (5 s) plus the 1 s skew

        var expired = await client.ProfileAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("token expired", await expired.ErrorAsync());
    }

    [Fact]
    public async Task Profile_ExpMovedAnHourLaterWithoutResigning_IsInvalidSignature()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = _server1.NewClient();
        var token = await (await client.PostAsync("/login-short", null, ct)).TokenOfAsync();
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1]));
        var exp = long.Parse(ExpPattern().Match(payload).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var tampered = ExpPattern().Replace(payload, $"\"exp\":{exp + 3600}");
        var forged = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(tampered))}.{parts[2]}";

        var response = await client.ProfileAsync(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid signature", await response.ErrorAsync());
    }

    [Fact]
    public async Task Logout_BlacklistsTheJtiForTheRemainingLifetime_AndRevokedTokenIsRefused()
    {
        using var client = _revoking.NewClient();
        var token = await (await client.LoginAsync("carol")).TokenOfAsync();
        Assert.Equal("passed", (await (await client.ProfileAsync(token)).JsonAsync()).GetProperty("revocation_check").GetString());

        var logout = await (await client.LogoutAsync(token)).JsonAsync();

        var jti = logout.GetProperty("jti").GetString()!;
        var ttl = await _redis.Database.KeyTimeToLiveAsync(RevocationStore.KeyOf(jti));
        Assert.InRange(ttl!.Value.TotalSeconds, 7190, 7202); // remaining lifetime (2 h) plus the 1 s skew
        var revoked = await client.ProfileAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal("token revoked", await revoked.ErrorAsync());
    }

    [Fact]
    public async Task Logout_WithRevocationOff_ProfileStaysStateless_ButProfileWithBlacklistRefuses()
    {
        using var client = _server1.NewClient();
        var token = await (await client.LoginAsync("dave")).TokenOfAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.LogoutAsync(token)).StatusCode);

        var stateless = await client.ProfileAsync(token);
        Assert.Equal(HttpStatusCode.OK, stateless.StatusCode); // the plan's point: a pure JWT cannot be revoked
        Assert.Equal("off", (await stateless.JsonAsync()).GetProperty("revocation_check").GetString());
        var checkedOne = await client.ProfileAsync(token, "/profile-with-blacklist");
        Assert.Equal(HttpStatusCode.Unauthorized, checkedOne.StatusCode);
        Assert.Equal("token revoked", await checkedOne.ErrorAsync());
    }

    [Fact]
    public async Task Logout_ShortToken_BlacklistEntryExpiresWithTheToken()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = _server1.NewClient();
        var token = await (await client.PostAsync("/login-short?seconds=2", null, ct)).TokenOfAsync();

        var jti = (await (await client.LogoutAsync(token)).JsonAsync()).GetProperty("jti").GetString()!;
        Assert.True(await _redis.Database.KeyExistsAsync(RevocationStore.KeyOf(jti)));
        await Task.Delay(TimeSpan.FromSeconds(3.5), ct);

        Assert.False(await _redis.Database.KeyExistsAsync(RevocationStore.KeyOf(jti)));
    }

    [Fact]
    public async Task LoginShort_BadSeconds_IsA400()
    {
        using var client = _server1.NewClient();

        var response = await client.PostAsync("/login-short?seconds=abc", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("seconds", await response.ErrorAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DebugSessions_HoldsNothing()
    {
        using var client = _server2.NewClient();

        var body = await (await client.GetAsync("/debug/sessions", TestContext.Current.CancellationToken)).JsonAsync();

        Assert.Equal(0, body.GetProperty("session_count").GetInt32());
        Assert.Equal("server-2", body.GetProperty("server_id").GetString());
    }

    [Fact]
    public async Task Profile_TokenSignedWithAnotherKey_IsInvalidSignature()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stranger = await BackendProcess.StartAsync("jwt", "stranger", ct, "--redis", _redis.Configuration);
        using var strangerClient = stranger.NewClient();
        var foreignToken = await (await strangerClient.LoginAsync("mallory")).TokenOfAsync();

        using var client = _server1.NewClient();
        var response = await client.ProfileAsync(foreignToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid signature", await response.ErrorAsync());
    }

    [GeneratedRegex("\"exp\":(\\d+)")]
    private static partial Regex ExpPattern();
}
