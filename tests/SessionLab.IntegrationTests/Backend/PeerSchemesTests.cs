using System.Net;
using SessionLab.IntegrationTests.Support;

namespace SessionLab.IntegrationTests.Backend;

/// <summary>The ASP.NET Core built-ins run as baselines: same API, real Redis, shared keys.</summary>
public sealed class PeerSchemesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AspNetSession_CookieFromOneBackendWorksOnAnother_AndRedisDownIs503()
    {
        await using var redis = await RedisServer.StartPreferredAsync(Ct);
        await using var one = await BackendProcess.StartAsync("aspnet-session", "server-1", Ct, "--redis", redis.Configuration);
        await using var two = await BackendProcess.StartAsync("aspnet-session", "server-2", Ct, "--redis", redis.Configuration);
        using var client = one.NewClient();
        var sessionCookie = Api.SessionIdOf(await client.LoginAsync("alice"));
        using var other = two.NewClientWithCookie($"session_id={sessionCookie}");

        var profile = await other.ProfileAsync();

        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        var body = await profile.JsonAsync();
        Assert.Equal("alice", body.GetProperty("username").GetString());
        Assert.Equal("server-2", body.GetProperty("server_id").GetString());
        using var stranger = two.NewClient();
        Assert.Equal("session not found", await (await stranger.ProfileAsync()).ErrorAsync());

        await redis.KillAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await other.ProfileAsync()).StatusCode);
    }

    [Fact]
    public async Task AspNetSession_BackendsStartedTogether_AgreeOnOneDataProtectionKey_SoEveryCookieReadsEverywhere()
    {
        // Started at once, as the topology starts them: each used to find the key ring in Redis empty at start-up and create its
        // own key, and minutes later (4.2) a cookie from one was a new, empty session on another. A race: without the fix this
        // fails only some of the time, more often on a busy machine.
        await using var redis = await RedisServer.StartPreferredAsync(Ct);
        var backends = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => BackendProcess.StartAsync("aspnet-session", $"server-{i}", Ct, "--redis", redis.Configuration)));
        try
        {
            var clients = backends.SelectMany(b => Enumerable.Range(0, 5).Select(_ => b.NewClient())).ToList();
            var cookies = await Task.WhenAll(clients.Select(async (c, i) => Api.SessionIdOf(await c.LoginAsync($"peer-user-{i}"))));

            var keys = await redis.Database.ListLengthAsync("sessionlab:data-protection-keys");
            Assert.True(keys == 1, $"{keys} keys; logs:\n{string.Join("\n", backends.Select(b => b.Log))}");
            foreach (var cookie in cookies)
            {
                foreach (var backend in backends)
                {
                    using var other = backend.NewClientWithCookie($"session_id={cookie}");
                    Assert.Equal(HttpStatusCode.OK, (await other.ProfileAsync()).StatusCode);
                }
            }

            clients.ForEach(c => c.Dispose());
        }
        finally
        {
            foreach (var backend in backends)
            {
                await backend.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task JwtBearer_AcceptsTheLabsTokens_AndRefusesWithTheSameJsonErrors()
    {
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));
        var noRedis = $"127.0.0.1:{FreePorts.Next()}";
        await using var ours = await BackendProcess.StartWithJwtKeyAsync("jwt", "server-1", key, Ct, "--redis", noRedis);
        await using var peer = await BackendProcess.StartWithJwtKeyAsync("jwt-bearer", "server-2", key, Ct);
        using var login = ours.NewClient();
        var token = await (await login.LoginAsync("bob")).TokenOfAsync();
        using var client = peer.NewClient();

        var accepted = await client.ProfileAsync(token);
        var missing = await client.ProfileAsync();
        var tampered = await client.ProfileAsync(token[..^4] + "AAAA");

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("bob", (await accepted.JsonAsync()).GetProperty("username").GetString());
        Assert.Equal("missing token", await missing.ErrorAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
        Assert.Equal("invalid signature", await tampered.ErrorAsync());
    }
}
