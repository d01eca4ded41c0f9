using System.Net;
using SessionLab.IntegrationTests.Support;

namespace SessionLab.IntegrationTests.Backend.Sessions;

/// <summary>
/// A sticky backend's <c>/sessions</c> and <c>/logout-all</c> see only its own memory, and say so: the user's
/// sessions on another backend are neither listed nor ended.
/// </summary>
public sealed class StickyUserSessionsTests : IAsyncLifetime
{
    private BackendProcess _server1 = null!;
    private BackendProcess _server2 = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var started = await Task.WhenAll(BackendProcess.StartAsync("sticky", "server-1", Ct), BackendProcess.StartAsync("sticky", "server-2", Ct));
        (_server1, _server2) = (started[0], started[1]);
    }

    public async ValueTask DisposeAsync()
    {
        await _server1.DisposeAsync();
        await _server2.DisposeAsync();
    }

    [Fact]
    public async Task LogoutAll_OnOneStickyBackend_EndsItsSessionsOnlyAndSaysSo()
    {
        using var phone = _server1.NewClient();
        using var laptop = _server1.NewClient();
        using var tablet = _server2.NewClient();
        foreach (var device in new[] { phone, laptop, tablet })
        {
            Assert.Equal(HttpStatusCode.OK, (await device.LoginAsync("sticky-everywhere")).StatusCode);
        }

        var listed = await (await phone.GetAsync("/sessions", Ct)).JsonAsync();
        var reply = await phone.PostAsync("/logout-all", null, Ct);

        Assert.Equal("this backend", listed.GetProperty("scope").GetString());
        Assert.Equal(2, listed.GetProperty("session_count").GetInt32());
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var body = await reply.JsonAsync();
        Assert.Equal("this backend", body.GetProperty("scope").GetString());
        Assert.Equal(2, body.GetProperty("sessions_ended").GetInt32());
        Assert.Contains("other backends are untouched", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.ProfileAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.ProfileAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tablet.ProfileAsync()).StatusCode);
    }

    [Fact]
    public async Task SessionsAndLogoutAll_WithoutASession_401AsJson()
    {
        using var anonymous = _server1.NewClient();

        var sessions = await anonymous.GetAsync("/sessions", Ct);
        var logoutAll = await anonymous.PostAsync("/logout-all", null, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, sessions.StatusCode);
        Assert.Equal("session not found", await sessions.ErrorAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, logoutAll.StatusCode);
        Assert.Equal("session not found", await logoutAll.ErrorAsync());
    }
}
