using System.Net;
using SessionLab.Backend.Redis;
using SessionLab.IntegrationTests.Support;

namespace SessionLab.IntegrationTests.Backend;

/// <summary>
/// The embedded fallback store must behave like Redis for everything the backends use
/// (SET NX EX, GETEX sliding TTL, DEL, SCAN, EXISTS), since a user without redis-server runs on it.
/// </summary>
public sealed class GarnetCompatibilityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RedisScheme_OnGarnet_LoginProfileSlidingTtlLogoutAndListing()
    {
        await using var garnet = await RedisServer.StartAsync(RedisEngineKind.Garnet, Ct);
        await using var backend = await BackendProcess.StartAsync("redis", "server-1", Ct, "--redis", garnet.Configuration, "--session-ttl", "5s");
        using var client = backend.NewClient();

        var key = RedisSessionStore.KeyOf(Api.SessionIdOf(await client.LoginAsync("alice")));
        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);
        var idle = (await garnet.Database.KeyTimeToLiveAsync(key))!.Value;
        Assert.Equal(HttpStatusCode.OK, (await client.ProfileAsync()).StatusCode);
        var renewed = (await garnet.Database.KeyTimeToLiveAsync(key))!.Value;
        var listing = await (await client.GetAsync("/debug/sessions", Ct)).JsonAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.LogoutAsync()).StatusCode);

        Assert.True(idle < TimeSpan.FromSeconds(4), $"idle TTL {idle}");
        Assert.True(renewed > TimeSpan.FromSeconds(4), $"renewed TTL {renewed}");
        Assert.Equal(1, listing.GetProperty("session_count").GetInt64());
        Assert.False(await garnet.Database.KeyExistsAsync(key));
    }

    [Fact]
    public async Task Garnet_KilledAndRestarted_BackendRecovers()
    {
        await using var garnet = await RedisServer.StartAsync(RedisEngineKind.Garnet, Ct);
        await using var backend = await BackendProcess.StartAsync("redis", "server-1", Ct, "--redis", garnet.Configuration);
        using var client = backend.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("bob")).StatusCode);

        await garnet.KillAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.ProfileAsync()).StatusCode);
        await garnet.RestartAsync(Ct);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        var status = HttpStatusCode.ServiceUnavailable;
        while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, Ct);
            status = (await client.LoginAsync("bob")).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, status);
    }
}
