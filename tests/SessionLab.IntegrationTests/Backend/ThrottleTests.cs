using System.Net;
using SessionLab.Backend.Common;
using SessionLab.IntegrationTests.Support;
using SessionLab.Topology.Clients;

namespace SessionLab.IntegrationTests.Backend;

/// <summary>
/// The failed-authentication throttle on real backends: a redis-scheme backend and a JWT backend with a small budget
/// (burst 5, 1 failure a second earned back), and a redis backend that trusts only a proxy at 127.0.0.9. Every test sends
/// from its own loopback addresses, since budgets outlive a test.
/// </summary>
public sealed class ThrottleTests : IAsyncLifetime
{
    private const int Burst = 5;
    private static readonly Dictionary<string, string> SmallBudget = new() { ["Throttle:Burst"] = "5", ["Throttle:FailuresPerSecond"] = "1" };
    private RedisServer _redis = null!;
    private BackendProcess _sessions = null!;
    private BackendProcess _jwt = null!;
    private BackendProcess _behindOtherProxy = null!;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _redis = await RedisServer.StartPreferredAsync(ct);
        var otherProxy = new Dictionary<string, string>(SmallBudget) { ["Proxy:KnownProxies:0"] = "127.0.0.9" };
        var started = await Task.WhenAll(
            BackendProcess.StartAsync("redis", "server-1", null, SmallBudget, ct, "--redis", _redis.Configuration),
            BackendProcess.StartAsync("jwt", "server-2", null, SmallBudget, ct, "--redis", _redis.Configuration),
            BackendProcess.StartAsync("redis", "server-3", null, otherProxy, ct, "--redis", _redis.Configuration));
        (_sessions, _jwt, _behindOtherProxy) = (started[0], started[1], started[2]);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var backend in new[] { _sessions, _jwt, _behindOtherProxy })
        {
            if (backend is not null)
            {
                await backend.DisposeAsync();
            }
        }

        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Profile_ClientSpentItsFailureBudget_429WithRetryAfterAndJsonError()
    {
        using var guesser = From("127.71.0.1", _sessions);

        for (var i = 0; i < Burst; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await ProfileWithIdAsync(guesser, RandomId())).StatusCode);
        }

        using var refused = await ProfileWithIdAsync(guesser, RandomId());
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        var body = await refused.JsonAsync();
        Assert.Equal(ErrorMessages.TooManyFailedAttempts, body.GetProperty("error").GetString());
        Assert.Equal("server-1", body.GetProperty("server_id").GetString());
    }

    [Fact]
    public async Task Profile_AfterRetryAfter_TheClientMayTryAgain()
    {
        using var guesser = From("127.71.0.2", _sessions);
        await SpendBudgetAsync(guesser);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ProfileWithIdAsync(guesser, RandomId())).StatusCode);

        await Task.Delay(TimeSpan.FromSeconds(1.3), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, (await ProfileWithIdAsync(guesser, RandomId())).StatusCode);
    }

    [Fact]
    public async Task Profile_AnotherClientThrottled_ThisClientUnaffected()
    {
        using var guesser = From("127.71.0.3", _sessions);
        await SpendBudgetAsync(guesser);
        using var user = From("127.71.0.4", _sessions, cookies: true);

        Assert.Equal(HttpStatusCode.OK, (await user.LoginAsync("alice")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.ProfileAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ProfileWithIdAsync(From("127.71.0.4", _sessions), RandomId())).StatusCode);
    }

    [Fact]
    public async Task Profile_SameAddressOverBudget_GenuineSessionStillServed()
    {
        // Many users behind one address (a NAT, a backend-for-frontend): one of them guessing locks no one else out.
        using var user = From("127.71.0.10", _sessions, cookies: true);
        Assert.Equal(HttpStatusCode.OK, (await user.LoginAsync("nat-user")).StatusCode);
        using var guesser = From("127.71.0.10", _sessions);
        await SpendBudgetAsync(guesser);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await ProfileWithIdAsync(guesser, RandomId())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.ProfileAsync()).StatusCode);
    }

    [Fact]
    public async Task Profile_ManyConcurrentRequestsWithAGenuineSession_NoneThrottled()
    {
        // The old in-flight claim answered 429 to a busy client past 20 requests in flight without a single failure.
        using var user = From("127.71.0.11", _sessions, cookies: true);
        Assert.Equal(HttpStatusCode.OK, (await user.LoginAsync("busy-user")).StatusCode);

        var replies = await Task.WhenAll(Enumerable.Range(0, 200).Select(async _ =>
        {
            using var reply = await user.ProfileAsync();
            return reply.StatusCode;
        }));

        Assert.All(replies, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task Profile_JwtClientOverBudget_GenuineTokenStillServed()
    {
        using var client = From("127.71.0.12", _jwt);
        var token = await (await client.LoginAsync("token-user")).TokenOfAsync();
        for (var i = 0; i < Burst; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.ProfileAsync(bearer: "not.a.token")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.ProfileAsync(bearer: "not.a.token")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.ProfileAsync(bearer: token)).StatusCode);
    }

    [Fact]
    public async Task Profile_SuccessfulClient_NeverThrottled()
    {
        using var user = From("127.71.0.5", _sessions, cookies: true);
        Assert.Equal(HttpStatusCode.OK, (await user.LoginAsync("bob")).StatusCode);

        for (var i = 0; i < 10 * Burst; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await user.ProfileAsync()).StatusCode);
        }
    }

    [Fact]
    public async Task Logout_UnknownSessionIds_SpendTheBudgetToo()
    {
        using var guesser = From("127.71.0.6", _sessions);

        for (var i = 0; i < Burst; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/logout");
            request.Headers.TryAddWithoutValidation("Cookie", $"session_id={RandomId()}");
            Assert.Equal(HttpStatusCode.OK, (await guesser.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await ProfileWithIdAsync(guesser, RandomId())).StatusCode);
    }

    [Fact]
    public async Task Profile_InvalidTokens_ThrottledOnTheJwtScheme()
    {
        using var guesser = From("127.71.0.7", _jwt);

        for (var i = 0; i < Burst; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.ProfileAsync(bearer: "not.a.token")).StatusCode);
        }

        using var refused = await guesser.ProfileAsync(bearer: "not.a.token");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(ErrorMessages.TooManyFailedAttempts, await refused.ErrorAsync());
        using var user = From("127.71.0.8", _jwt);
        var token = await (await user.LoginAsync("carol")).TokenOfAsync();
        Assert.Equal(HttpStatusCode.OK, (await user.ProfileAsync(bearer: token)).StatusCode);
    }

    [Fact]
    public async Task Profile_ViaLoopbackProxy_ThrottlesTheForwardedClientNotTheProxy()
    {
        // A load balancer on the same host: loopback peers are trusted, so X-Forwarded-For names the client.
        using var proxy = From("127.0.0.1", _sessions);
        await SpendBudgetAsync(proxy, forwardedFor: "10.9.9.1");

        Assert.Equal(HttpStatusCode.TooManyRequests, (await ProfileWithIdAsync(proxy, RandomId(), forwardedFor: "10.9.9.1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ProfileWithIdAsync(proxy, RandomId(), forwardedFor: "10.9.9.2")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ProfileWithIdAsync(proxy, RandomId())).StatusCode);
    }

    [Fact]
    public async Task Profile_ForwardedForFromAPeerNotInKnownProxies_IgnoredSoSpoofingDoesNotEscape()
    {
        // Proxy:KnownProxies is 127.0.0.9 only: a header from 127.71.0.9 is not believed, whatever address it names.
        using var spoofer = From("127.71.0.9", _behindOtherProxy);

        for (var i = 0; i < Burst; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await ProfileWithIdAsync(spoofer, RandomId(), forwardedFor: $"10.8.0.{i + 1}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await ProfileWithIdAsync(spoofer, RandomId(), forwardedFor: "10.8.0.99")).StatusCode);

        // The configured proxy is believed.
        using var trusted = From("127.0.0.9", _behindOtherProxy);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ProfileWithIdAsync(trusted, RandomId(), forwardedFor: "10.8.1.1")).StatusCode);
    }

    private static HttpClient From(string source, BackendProcess backend, bool cookies = false) =>
        SourceAddressClientFactory.Create(IPAddress.Parse(source), backend.BaseAddress, cookies);

    private static async Task SpendBudgetAsync(HttpClient client, string? forwardedFor = null)
    {
        for (var i = 0; i < Burst; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await ProfileWithIdAsync(client, RandomId(), forwardedFor)).StatusCode);
        }
    }

    private static async Task<HttpResponseMessage> ProfileWithIdAsync(HttpClient client, string sessionId, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/profile");
        request.Headers.TryAddWithoutValidation("Cookie", $"session_id={sessionId}");
        if (forwardedFor is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>A guess of the right shape (43 base64url characters) but without the server's signature.</summary>
    private static string RandomId() => System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
