using System.Net;
using SessionLab.IntegrationTests.Support;

namespace SessionLab.IntegrationTests.Backend;

/// <summary>Two real sticky backends: sessions live in one process's memory only.</summary>
public sealed class StickyBackendTests : IAsyncLifetime
{
    private BackendProcess _server1 = null!;
    private BackendProcess _server2 = null!;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var starting = new[] { BackendProcess.StartAsync("sticky", "server-1", ct), BackendProcess.StartAsync("sticky", "server-2", ct) };
        var started = await Task.WhenAll(starting);
        (_server1, _server2) = (started[0], started[1]);
    }

    public async ValueTask DisposeAsync()
    {
        await _server1.DisposeAsync();
        await _server2.DisposeAsync();
    }

    [Fact]
    public async Task Health_ReportsServerIdAndOk()
    {
        using var client = _server1.NewClient();

        var health = await (await client.GetAsync("/health", TestContext.Current.CancellationToken)).JsonAsync();

        Assert.Equal("server-1", health.GetProperty("server_id").GetString());
        Assert.Equal("ok", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Login_SetsAHardenedSessionCookie()
    {
        using var client = _server1.NewClient();

        var response = await client.LoginAsync("alice");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single();
        Assert.Matches("^session_id=[A-Za-z0-9_-]{43}; ", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        var body = await response.JsonAsync();
        Assert.Equal(1001, body.GetProperty("user_id").GetInt32());
        Assert.Equal("server-1", body.GetProperty("server_id").GetString());
    }

    [Fact]
    public async Task Profile_WithTheCookie_ReturnsTheUserAndServer()
    {
        using var client = _server1.NewClient();
        await client.LoginAsync("alice");

        var profile = await (await client.ProfileAsync()).JsonAsync();

        Assert.Equal(1001, profile.GetProperty("user_id").GetInt32());
        Assert.Equal("alice", profile.GetProperty("username").GetString());
        Assert.Equal("server-1", profile.GetProperty("server_id").GetString());
    }

    [Fact]
    public async Task Profile_SameCookieOnAnotherBackend_IsSessionNotFound()
    {
        using var client = _server1.NewClient();
        var sessionId = Api.SessionIdOf(await client.LoginAsync("carol"));

        using var creator = _server1.NewClientWithCookie($"session_id={sessionId}");
        Assert.Equal(HttpStatusCode.OK, (await creator.ProfileAsync()).StatusCode); // the replayed cookie itself is good
        using var other = _server2.NewClientWithCookie($"session_id={sessionId}");
        var response = await other.ProfileAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("session not found", body.GetProperty("error").GetString());
        Assert.Equal("server-2", body.GetProperty("server_id").GetString());
    }

    [Fact]
    public async Task Login_AgainWithAnOldCookie_IssuesANewIdAndEndsTheOld()
    {
        using var client = _server1.NewClient();
        var first = Api.SessionIdOf(await client.LoginAsync("dave"));

        var second = Api.SessionIdOf(await client.LoginAsync("dave"));

        Assert.NotEqual(first, second);
        using var replay = _server1.NewClientWithCookie($"session_id={first}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await replay.ProfileAsync()).StatusCode);
    }

    [Fact]
    public async Task Login_ClientSuppliedSessionId_IsNeverAdopted()
    {
        const string chosen = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        using var client = _server1.NewClientWithCookie($"session_id={chosen}");

        var issued = Api.SessionIdOf(await client.LoginAsync("erin"));

        Assert.NotEqual(chosen, issued);
    }

    [Fact]
    public async Task Logout_EndsTheSessionServerSideAndClearsTheCookie()
    {
        using var client = _server1.NewClient();
        var sessionId = Api.SessionIdOf(await client.LoginAsync("frank"));

        var logout = await client.LogoutAsync();

        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.Contains(logout.Headers.GetValues("Set-Cookie"), c => c.StartsWith("session_id=;", StringComparison.Ordinal) && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.Ordinal));
        using var replay = _server1.NewClientWithCookie($"session_id={sessionId}");
        var after = await replay.ProfileAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("session not found", await after.ErrorAsync());
    }

    [Fact]
    public async Task DebugSessions_ListsThisProcessesSessionsOnly()
    {
        using var client = _server2.NewClient();
        var sessionId = Api.SessionIdOf(await client.LoginAsync("grace"));

        var onTwo = await (await client.GetAsync("/debug/sessions", TestContext.Current.CancellationToken)).JsonAsync();
        using var one = _server1.NewClient();
        var onOne = await (await one.GetAsync("/debug/sessions", TestContext.Current.CancellationToken)).JsonAsync();

        Assert.Equal("server-2", onTwo.GetProperty("server_id").GetString());
        Assert.Contains(sessionId, onTwo.GetProperty("session_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain(sessionId, onOne.GetProperty("session_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(onTwo.GetProperty("session_ids").GetArrayLength(), onTwo.GetProperty("session_count").GetInt64());
    }

    [Fact]
    public async Task Profile_NoCookie_IsSessionNotFound()
    {
        using var client = _server1.NewClient();

        var response = await client.ProfileAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("session not found", await response.ErrorAsync());
    }
}
