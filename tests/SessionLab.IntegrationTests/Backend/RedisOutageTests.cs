using System.Diagnostics;
using System.Net;
using SessionLab.IntegrationTests.Support;

namespace SessionLab.IntegrationTests.Backend;

/// <summary>Redis stopped, frozen, or not yet started: requests fail fast with 503 and the backends heal by themselves.</summary>
public sealed class RedisOutageTests
{
    private static readonly TimeSpan FailFastBound = TimeSpan.FromSeconds(1.8);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RedisKilled_ProfileAnswers503Fast_ThenRecoversWhenRedisReturns()
    {
        await using var redis = await RedisServer.StartPreferredAsync(Ct);
        await using var backend = await BackendProcess.StartAsync("redis", "server-1", Ct, "--redis", redis.Configuration);
        using var client = backend.NewClient(timeout: TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("alice")).StatusCode);

        await redis.KillAsync();
        var (status, error, elapsed) = await TimedProfileAsync(client);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("session store unavailable", error);
        Assert.True(elapsed < FailFastBound, $"took {elapsed.TotalMilliseconds:0} ms");
        var login = await client.LoginAsync("bob");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, login.StatusCode);

        await redis.RestartAsync(Ct);
        var recovered = await EventuallyAsync(async () => (await client.LoginAsync("carol")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(15));

        Assert.True(recovered, "no successful login within 15 s of Redis returning");
        Assert.Equal(HttpStatusCode.OK, (await client.ProfileAsync()).StatusCode);
    }

    [Fact]
    public async Task RedisKilled_OldSessionsAreGoneAfterARestartWithoutPersistence()
    {
        await using var redis = await RedisServer.StartPreferredAsync(Ct);
        await using var backend = await BackendProcess.StartAsync("redis", "server-1", Ct, "--redis", redis.Configuration);
        using var client = backend.NewClient();
        var sessionId = Api.SessionIdOf(await client.LoginAsync("dave"));

        await redis.KillAsync();
        await redis.RestartAsync(Ct);
        using var replay = backend.NewClientWithCookie($"session_id={sessionId}");
        var back = await EventuallyAsync(async () => (await replay.ProfileAsync()).StatusCode != HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(15));

        Assert.True(back);
        var response = await replay.ProfileAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("session not found", await response.ErrorAsync());
    }

    [Fact]
    public async Task RedisFrozen_RequestsTimeOutAt503InsteadOfHanging()
    {
        await using var redis = await RedisServer.StartPreferredAsync(Ct);
        await using var backend = await BackendProcess.StartAsync("redis", "server-1", Ct, "--redis", redis.Configuration);
        using var client = backend.NewClient(timeout: TimeSpan.FromSeconds(8));
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("erin")).StatusCode);

        redis.Pause();
        try
        {
            var (status, error, elapsed) = await TimedProfileAsync(client);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("session store unavailable", error);
            Assert.True(elapsed < TimeSpan.FromSeconds(3), $"took {elapsed.TotalMilliseconds:0} ms; the store timeout is 1 s");
        }
        finally
        {
            redis.Resume();
        }

        Assert.True(await EventuallyAsync(async () => (await client.ProfileAsync()).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task RedisSlowerThanTheStoreTimeout_Every_Request_Gets503BeforeTheStoresReplyCouldArrive()
    {
        // The store answers 1.5 s late through a latency proxy, past the backend's 1 s store timeout. StackExchange.Redis
        // alone checks that timeout on a 1 s heartbeat, so some requests used to succeed at 1.5 s.
        await using var redis = await RedisServer.StartPreferredAsync(Ct);
        await using var proxy = SessionLab.Faults.LatencyProxy.Start(new IPEndPoint(IPAddress.Loopback, 0), new IPEndPoint(IPAddress.Loopback, redis.Port));
        await using var backend = await BackendProcess.StartAsync("redis", "server-1", Ct, "--redis", $"127.0.0.1:{proxy.Listen.Port}");
        using var client = backend.NewClient(timeout: TimeSpan.FromSeconds(8));
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("heidi")).StatusCode);
        var storeDelay = TimeSpan.FromSeconds(1.5);

        proxy.Delay = storeDelay;
        for (var i = 0; i < 4; i++)
        {
            var (status, error, elapsed) = await TimedProfileAsync(client);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("session store unavailable", error);
            Assert.True(elapsed < storeDelay, $"request {i} took {elapsed.TotalMilliseconds:0} ms: the 503 came no sooner than the store's reply");
        }

        proxy.Delay = TimeSpan.Zero;
        Assert.True(await EventuallyAsync(async () => (await client.ProfileAsync()).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task RedisNotUpAtStart_BackendAnswers503_ThenWorksOnceRedisStarts()
    {
        var port = FreePorts.Next();
        await using var backend = await BackendProcess.StartAsync("redis", "server-1", Ct, "--redis", $"127.0.0.1:{port}");
        using var client = backend.NewClient();

        var before = await client.LoginAsync("frank");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        Assert.Equal("session store unavailable", await before.ErrorAsync());

        await using var redis = await RedisServer.StartAsync(RealEngines.Find("redis-server") is not null || RealEngines.RequireReal ? RedisEngineKind.RedisServer : RedisEngineKind.Garnet, Ct, port);

        Assert.True(await EventuallyAsync(async () => (await client.LoginAsync("frank")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task RedisKilled_JwtStatelessProfileUnaffected_RevocationFollowsItsPolicy()
    {
        await using var redis = await RedisServer.StartPreferredAsync(Ct);
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));
        await using var stateless = await BackendProcess.StartWithJwtKeyAsync("jwt", "server-1", key, Ct, "--redis", redis.Configuration);
        await using var closed = await BackendProcess.StartWithJwtKeyAsync("jwt", "server-2", key, Ct, "--redis", redis.Configuration, "--revocation", "on");
        await using var open = await BackendProcess.StartWithJwtKeyAsync("jwt", "server-3", key, Ct, "--redis", redis.Configuration, "--revocation", "on", "--revocation-when-redis-down", "fail-open");
        using var client = stateless.NewClient();
        var token = await (await client.LoginAsync("grace")).TokenOfAsync();

        await redis.KillAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.ProfileAsync(token)).StatusCode);
        using var closedClient = closed.NewClient();
        var refused = await closedClient.ProfileAsync(token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("revocation store unavailable", await refused.ErrorAsync());
        using var openClient = open.NewClient();
        var accepted = await openClient.ProfileAsync(token);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.StartsWith("skipped", (await accepted.JsonAsync()).GetProperty("revocation_check").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.LogoutAsync(token)).StatusCode); // a revocation cannot be faked
    }

    private static async Task<(HttpStatusCode Status, string Error, TimeSpan Elapsed)> TimedProfileAsync(HttpClient client)
    {
        var watch = Stopwatch.StartNew();
        var response = await client.ProfileAsync();
        watch.Stop();
        return (response.StatusCode, await response.ErrorAsync(), watch.Elapsed);
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < within)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(200, Ct);
        }

        return false;
    }
}
