using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using SessionLab.Backend.Identity;
using SessionLab.Backend.Redis;
using SessionLab.IntegrationTests.Support;
using SessionLab.Topology.Clients;

namespace SessionLab.IntegrationTests.Backend;

/// <summary>
/// Backends started as a real deployment would be (a users file, configured keys, revocation on) and tried as an
/// anonymous attacker would: nothing is granted without credentials, password guessing is throttled per address and
/// per user while the real user logs in, a record written straight into Redis is no session, no secret is logged.
/// </summary>
public sealed class ProductionPostureTests : IAsyncLifetime
{
    private const string AlicePassword = "correct horse battery staple";
    private static readonly Dictionary<string, string> SmallLoginBudget = new()
    {
        ["Throttle:Login:ClientBurst"] = "3",
        ["Throttle:Login:UserBurst"] = "6",
        ["Throttle:Login:RefillInterval"] = "00:01:00",
    };

    /// <summary>All an error reply may carry: no token, no user, no session.</summary>
    private static readonly string[] ErrorReplyFields = ["error", "server_id"];

    private readonly string _folder = Directory.CreateTempSubdirectory("sessionlab-posture-").FullName;
    private readonly string _jwtKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
    private RedisServer _redis = null!;
    private BackendProcess _jwt = null!;
    private BackendProcess _sessions = null!;
    private string _usersFile = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _usersFile = Path.Combine(_folder, "users.json");
        await File.WriteAllTextAsync(_usersFile, $$"""
            {"users":[
              {"username":"alice","user_id":1001,"password_hash":"{{FileUserDirectory.HashPassword(AlicePassword)}}"},
              {"username":"bob","user_id":1002,"password_hash":"{{FileUserDirectory.HashPassword("bobs password")}}"},
              {"username":"carol","user_id":1003,"password_hash":"{{FileUserDirectory.HashPassword("carols password")}}"},
              {"username":"dave","user_id":1004,"password_hash":"{{FileUserDirectory.HashPassword("daves password")}}"}]}
            """, Ct);
        _redis = await RedisServer.StartPreferredAsync(Ct);
        var jwtSettings = new Dictionary<string, string>(SmallLoginBudget) { ["Jwt:Key"] = _jwtKey };
        var started = await Task.WhenAll(
            BackendProcess.StartAsync("jwt", "server-1", null, jwtSettings, Ct, "--redis", _redis.Configuration, "--users-file", _usersFile, "--revocation", "on"),
            BackendProcess.StartAsync("redis", "server-2", null, SmallLoginBudget, Ct, "--redis", _redis.Configuration, "--users-file", _usersFile));
        (_jwt, _sessions) = (started[0], started[1]);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var backend in new[] { _jwt, _sessions })
        {
            if (backend is not null)
            {
                await backend.DisposeAsync();
            }
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData("POST", "/login-short")]
    [InlineData("POST", "/login-short?seconds=3600")]
    [InlineData("GET", "/debug/sessions")]
    [InlineData("GET", "/debug/runtime?gc=true")]
    public async Task LabInstruments_WithAUsersFile_AreNotThere(string method, string path)
    {
        foreach (var backend in new[] { _jwt, _sessions })
        {
            using var client = backend.NewClient();
            using var reply = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);

            Assert.Equal(HttpStatusCode.NotFound, reply.StatusCode);
            Assert.Equal("not found", await reply.ErrorAsync());
            Assert.DoesNotContain("token", await reply.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.Contains("lab instruments off", _jwt.Log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/profile", null)]
    [InlineData("GET", "/profile-with-blacklist", null)]
    [InlineData("POST", "/logout", null)]
    [InlineData("GET", "/sessions", null)]
    [InlineData("POST", "/logout-all", null)]
    [InlineData("POST", "/refresh", "{}")]
    [InlineData("POST", "/refresh", "{\"refresh_token\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}")]
    [InlineData("POST", "/login", "{\"username\":\"alice\"}")]
    [InlineData("POST", "/login", "{\"username\":\"alice\",\"password\":\"\"}")]
    public async Task AnonymousClient_WithAUsersFile_GetsNothingButAJsonError(string method, string path, string? body)
    {
        foreach (var backend in new[] { _jwt, _sessions })
        {
            using var client = backend.NewClient();
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (body is not null)
            {
                request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            }

            using var reply = await client.SendAsync(request, Ct);
            var text = await reply.Content.ReadAsStringAsync(Ct);

            var what = $"{backend.BaseAddress} {method} {path}: {(int)reply.StatusCode} {text}";
            using var json = JsonDocument.Parse(text);
            Assert.False(reply.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)), $"{what}: set a cookie");
            if (path == "/logout" && reply.StatusCode == HttpStatusCode.OK)
            {
                // Logging out is idempotent on the session schemes: with no session it ends nothing and says so.
                Assert.False(json.RootElement.GetProperty("session_ended").GetBoolean(), what);
                continue;
            }

            Assert.True((int)reply.StatusCode is >= 400 and < 500, what);
            Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("error").GetString()), what);
            Assert.All(json.RootElement.EnumerateObject(), p => Assert.Contains(p.Name, ErrorReplyFields));
        }
    }

    [Fact]
    public async Task LabInstruments_WithAUsersFileAndLabEndpoints_ThereAndLoudlyLogged()
    {
        await using var lab = await BackendProcess.StartWithJwtKeyAsync("jwt", "server-3", _jwtKey, Ct, "--redis", _redis.Configuration, "--users-file", _usersFile, "--lab-endpoints");
        using var client = lab.NewClient();

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/login-short", null, Ct)).StatusCode);
        Assert.Contains("lab instruments ON", lab.Log, StringComparison.Ordinal);
        Assert.Contains("never in production", lab.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginGuessing_ThrottledPerAddressThenPerUser_TheRealUserStillLogsInMeanwhile()
    {
        using var guesser = From("127.73.0.1");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.LoginAsync("alice", $"guess{i}")).StatusCode);
        }

        // The guessing address is cut off, even when it stumbles on the password: it hashes nothing more.
        using var refused = await guesser.LoginAsync("alice", AlicePassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("too many failed logins; try again later", await refused.ErrorAsync());
        Assert.NotNull(refused.Headers.RetryAfter);

        // The real alice, elsewhere, is not: the username's budget (6) outlasts one address's (3).
        using var alice = From("127.73.0.2");
        Assert.Equal(HttpStatusCode.OK, (await alice.LoginAsync("alice", AlicePassword)).StatusCode);

        // Guessing alice from many addresses spends the username's own budget: then alice's name is refused from anywhere.
        for (var i = 0; i < 3; i++)
        {
            using var other = From($"127.73.{i + 1}.9");
            Assert.Equal(HttpStatusCode.Unauthorized, (await other.LoginAsync("alice", "nope")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await From("127.73.0.3").LoginAsync("alice", AlicePassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await From("127.73.0.3").LoginAsync("bob", "bobs password")).StatusCode);
    }

    [Fact]
    public async Task LoginGuessing_ManyAtOnceFromOneAddress_NoMoreChecksThanTheBudget()
    {
        // Concurrent guesses each hold a failure while they wait for their hash, so the budget caps them too.
        var replies = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            using var guesser = From("127.74.0.1");
            using var reply = await guesser.LoginAsync("carol", $"guess{i}");
            return reply.StatusCode;
        }));

        Assert.InRange(replies.Count(r => r == HttpStatusCode.Unauthorized), 1, 3);
        Assert.All(replies, r => Assert.True(r is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable, $"{r}"));
        Assert.Equal(HttpStatusCode.OK, (await From("127.74.0.2").LoginAsync("carol", "carols password")).StatusCode);
    }

    [Fact]
    public async Task LoginGuessing_UsernameLocked_TheUsersOwnDeviceStillLogsIn()
    {
        using var daveFirst = From("127.75.0.1");
        using var first = await daveFirst.LoginAsync("dave", "daves password");
        var device = first.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("login_device=", StringComparison.Ordinal));
        Assert.Contains("httponly", device, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", device, StringComparison.OrdinalIgnoreCase);

        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await From($"127.75.{i + 1}.9").LoginAsync("dave", "nope")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await From("127.75.0.2").LoginAsync("dave", "daves password")).StatusCode);
        using var ownDevice = From("127.75.0.3");
        ownDevice.DefaultRequestHeaders.TryAddWithoutValidation("Cookie", device.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await ownDevice.LoginAsync("dave", "daves password")).StatusCode);
    }

    [Fact]
    public async Task RedisKey_OfAnotherType_IsNoSessionNot500()
    {
        using var bob = _sessions.NewClient();
        var id = Api.SessionIdOf(await bob.LoginAsync("bob", "bobs password"));
        await _redis.Database.KeyDeleteAsync(RedisSessionStore.KeyOf(id));
        await _redis.Database.HashSetAsync(RedisSessionStore.KeyOf(id), "a", "b");

        using var reply = await bob.ProfileAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, reply.StatusCode);
        Assert.Equal("session not found", await reply.ErrorAsync());
    }

    [Fact]
    public async Task JwtLogout_AlreadyRevokedToken_Refused()
    {
        using var client = _jwt.NewClient();
        var token = await (await From("127.76.0.1").LoginAsync("bob", "bobs password")).TokenOfAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.LogoutAsync(token)).StatusCode);

        using var again = await client.LogoutAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal("token revoked", await again.ErrorAsync());
    }

    [Fact]
    public async Task RedisPasswordOnTheCommandLine_RefusedWithAUsersFile()
    {
        var (exitCode, output) = await LabCli.RunAsync(TimeSpan.FromSeconds(30), "serve", "--scheme", "redis", "--port", FreePorts.Next().ToString(CultureInfo.InvariantCulture), "--users-file", _usersFile, "--redis", "127.0.0.1:1,password=hunter2");

        Assert.Equal(2, exitCode);
        Assert.Contains("SESSIONLAB_Redis__Configuration", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedisRecord_WrittenOrEditedWithoutTheKey_IsNoSession()
    {
        using var bob = _sessions.NewClient();
        var bobsId = Api.SessionIdOf(await bob.LoginAsync("bob", "bobs password"));
        Assert.Equal(HttpStatusCode.OK, (await bob.ProfileAsync()).StatusCode);

        // Bob, who can write to Redis, turns his own session into alice's.
        var key = RedisSessionStore.KeyOf(bobsId);
        var record = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>((string)(await _redis.Database.StringGetAsync(key))!)!;
        var edited = new Dictionary<string, object?>(record.Select(p => KeyValuePair.Create(p.Key, (object?)p.Value))) { ["user_id"] = 1001, ["username"] = "alice" };
        await _redis.Database.StringSetAsync(key, JsonSerializer.Serialize(edited), TimeSpan.FromMinutes(5));
        using var asAlice = await bob.ProfileAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, asAlice.StatusCode);

        // A session made up from scratch under an id of the right shape.
        var madeUp = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        await _redis.Database.StringSetAsync(RedisSessionStore.KeyOf(madeUp), $$"""{"session_id":"{{madeUp}}","user_id":1001,"username":"alice","created_at":"2026-01-01T00:00:00Z","mac":"x"}""", TimeSpan.FromMinutes(5));
        using var forged = _sessions.NewClientWithCookie($"session_id={madeUp}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.ProfileAsync()).StatusCode);
        Assert.Contains("fails its MAC", _sessions.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_DuplicateSessionCookies_RefusedAndRepliesAreNotCached()
    {
        using var client = _sessions.NewClient();
        var id = Api.SessionIdOf(await client.LoginAsync("bob", "bobs password"));
        using var profile = await client.ProfileAsync();
        Assert.Equal("no-store", profile.Headers.CacheControl?.ToString());

        using var tossed = _sessions.NewClientWithCookie($"session_id={id}; session_id={id}");
        using var reply = await tossed.ProfileAsync();
        Assert.Equal(HttpStatusCode.BadRequest, reply.StatusCode);
        Assert.Equal("more than one session_id cookie", await reply.ErrorAsync());
    }

    [Fact]
    public async Task SecureCookie_HostPrefixedAndSecure_AndReadBack()
    {
        await using var backend = await BackendProcess.StartAsync("sticky", "server-5", Ct, "--secure-cookie");
        using var client = backend.NewClientWithCookie(string.Empty);

        using var login = await client.LoginAsync("carol");
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.Contains("session_id=", StringComparison.Ordinal));
        Assert.StartsWith("__Host-session_id=", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);

        var id = cookie.Split(';')[0]["__Host-session_id=".Length..];
        using var prefixed = backend.NewClientWithCookie($"__Host-session_id={id}");
        using var plain = backend.NewClientWithCookie($"session_id={id}");
        Assert.Equal(HttpStatusCode.OK, (await prefixed.ProfileAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await plain.ProfileAsync()).StatusCode);
    }

    [Fact]
    public async Task JwtLogout_RevocationOff_SaysProfileKeepsAcceptingTheToken()
    {
        await using var stateless = await BackendProcess.StartWithJwtKeyAsync("jwt", "server-6", _jwtKey, Ct, "--redis", _redis.Configuration);
        using var client = stateless.NewClient();
        var token = await (await client.LoginAsync("dave")).TokenOfAsync();

        var logout = await (await client.LogoutAsync(token)).JsonAsync();

        Assert.False(logout.GetProperty("revoked_on_profile").GetBoolean());
        Assert.Contains("/profile keeps accepting it", logout.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.ProfileAsync(token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.ProfileAsync(token, "/profile-with-blacklist")).StatusCode);

        // With revocation on (the production backend of this class) the same logout ends the token on /profile.
        using var real = _jwt.NewClient();
        var bobs = await (await From("127.73.9.1").LoginAsync("bob", "bobs password")).TokenOfAsync();
        var revoked = await (await real.LogoutAsync(bobs)).JsonAsync();
        Assert.Equal("token revoked", revoked.GetProperty("message").GetString());
        Assert.Equal("token revoked", await (await real.ProfileAsync(bobs)).ErrorAsync());
    }

    [Fact]
    public async Task NoKeyConfigured_RealModeRefusesToStartWithWhatToDo()
    {
        foreach (var scheme in new[] { "jwt", "redis" })
        {
            var (exitCode, output) = await LabCli.RunAsync(TimeSpan.FromSeconds(30), "serve", "--scheme", scheme, "--port", FreePorts.Next().ToString(CultureInfo.InvariantCulture), "--users-file", _usersFile, "--redis", "127.0.0.1:1");

            Assert.Equal(2, exitCode);
            Assert.Contains("a generated development key is refused with a users file", output, StringComparison.Ordinal);
            Assert.DoesNotContain(" on http://", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Secrets_NeverInTheLog()
    {
        await using var backend = await BackendProcess.StartAsync("redis", "server-4", null, new Dictionary<string, string> { ["Redis:Configuration"] = "127.0.0.1:1,password=hunter2-secret" }, Ct);

        Assert.Contains("127.0.0.1:1 (password set)", backend.Log, StringComparison.Ordinal);
        foreach (var secret in new[] { "hunter2-secret", BackendProcess.SessionKey, _jwtKey })
        {
            Assert.DoesNotContain(secret, backend.Log + _jwt.Log + _sessions.Log, StringComparison.Ordinal);
        }
    }

    private HttpClient From(string source) => SourceAddressClientFactory.Create(IPAddress.Parse(source), _jwt.BaseAddress, cookies: false);
}
