using System.Net;
using System.Text.Json;
using SessionLab.Backend.Redis;
using SessionLab.IntegrationTests.Support;

namespace SessionLab.IntegrationTests.Backend;

/// <summary>Three real redis-scheme backends on one real Redis, with a 3-second TTL so expiry is observable.</summary>
public sealed class RedisBackendTests : IAsyncLifetime
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(3);
    private RedisServer _redis = null!;
    private BackendProcess[] _servers = [];

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _redis = await RedisServer.StartPreferredAsync(ct);
        _servers = await Task.WhenAll(Enumerable.Range(1, 3).Select(i =>
            BackendProcess.StartAsync("redis", $"server-{i}", ct, "--redis", _redis.Configuration, "--session-ttl", "3s")));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Login_StoresThePlansJsonUnderSessionKeyWithTheTtl()
    {
        using var client = _servers[0].NewClient();

        var sessionId = Api.SessionIdOf(await client.LoginAsync("alice"));

        var key = RedisSessionStore.KeyOf(sessionId);
        var value = JsonDocument.Parse((string)(await _redis.Database.StringGetAsync(key))!).RootElement;
        Assert.Equal(sessionId, value.GetProperty("session_id").GetString());
        Assert.Equal(1001, value.GetProperty("user_id").GetInt32());
        Assert.Equal("alice", value.GetProperty("username").GetString());
        Assert.True(value.TryGetProperty("created_at", out _));
        var ttl = await _redis.Database.KeyTimeToLiveAsync(key);
        Assert.InRange(ttl!.Value.TotalMilliseconds, 1, Ttl.TotalMilliseconds);
    }

    [Fact]
    public async Task Profile_CookieFromOneBackend_WorksOnEveryBackend()
    {
        using var login = _servers[0].NewClient();
        var sessionId = Api.SessionIdOf(await login.LoginAsync("bob"));

        foreach (var server in _servers)
        {
            using var client = server.NewClientWithCookie($"session_id={sessionId}");
            var response = await client.ProfileAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.JsonAsync();
            Assert.Equal("bob", body.GetProperty("username").GetString());
            Assert.Equal(server == _servers[0] ? "server-1" : server == _servers[1] ? "server-2" : "server-3", body.GetProperty("server_id").GetString());
        }
    }

    [Fact]
    public async Task Profile_SlidesTheTtlAsMeasuredByRedis_ThenIdleExpiryDeletesTheKey()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = _servers[1].NewClient();
        var key = RedisSessionStore.KeyOf(Api.SessionIdOf(await client.LoginAsync("carol")));

        await Task.Delay(TimeSpan.FromSeconds(1.5), ct);
        var idle = (await _redis.Database.KeyTimeToLiveAsync(key))!.Value;
        Assert.Equal(HttpStatusCode.OK, (await client.ProfileAsync()).StatusCode);
        var renewed = (await _redis.Database.KeyTimeToLiveAsync(key))!.Value;

        Assert.True(idle < TimeSpan.FromSeconds(2), $"TTL after 1.5 s idle was {idle}");
        Assert.True(renewed > TimeSpan.FromSeconds(2.5), $"TTL right after /profile was {renewed}");

        await Task.Delay(Ttl + TimeSpan.FromSeconds(0.5), ct);
        var expired = await client.ProfileAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("session not found", await expired.ErrorAsync());
        Assert.False(await _redis.Database.KeyExistsAsync(key));
    }

    [Fact]
    public async Task Logout_DeletesTheKey_AndTheCookieIsDeadEverywhere()
    {
        using var client = _servers[2].NewClient();
        var sessionId = Api.SessionIdOf(await client.LoginAsync("dave"));

        Assert.Equal(HttpStatusCode.OK, (await client.LogoutAsync()).StatusCode);

        Assert.False(await _redis.Database.KeyExistsAsync(RedisSessionStore.KeyOf(sessionId)));
        using var replay = _servers[0].NewClientWithCookie($"session_id={sessionId}");
        Assert.Equal("session not found", await (await replay.ProfileAsync()).ErrorAsync());
    }

    [Fact]
    public async Task DebugSessions_ReadsTheSharedStore()
    {
        using var client = _servers[0].NewClient();
        var sessionId = Api.SessionIdOf(await client.LoginAsync("erin"));

        using var other = _servers[2].NewClient();
        var listing = await (await other.GetAsync("/debug/sessions", TestContext.Current.CancellationToken)).JsonAsync();

        Assert.Equal("server-3", listing.GetProperty("server_id").GetString());
        Assert.Contains(sessionId, listing.GetProperty("session_ids").EnumerateArray().Select(e => e.GetString()));
    }
}
