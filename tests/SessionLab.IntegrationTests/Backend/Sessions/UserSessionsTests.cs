using System.Net;
using System.Text.Json;
using SessionLab.Backend.Redis;
using SessionLab.IntegrationTests.Support;
using StackExchange.Redis;

namespace SessionLab.IntegrationTests.Backend.Sessions;

/// <summary>
/// <c>/sessions</c>, <c>/logout-all</c>, the per-user index and the absolute lifetime against real backends and a real
/// store: every device of a user ends at once, the index never serves (and after a read no longer holds) an expired id,
/// a busy session still ends at its absolute limit and its TTL never reaches past it.
/// </summary>
public abstract class UserSessionsTests(UserSessionsFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IDatabase Redis => fixture.Redis.Database;

    [Fact]
    public async Task Sessions_ThreeDevicesOnThreeBackends_ListedByPrefixWithTheCallerMarked()
    {
        var (devices, ids, _) = await LogInOnEveryBackendAsync("devices-listed");

        var reply = await devices[1].GetAsync("/sessions", Ct);

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var text = await reply.Content.ReadAsStringAsync(Ct);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal("server-2", body.GetProperty("server_id").GetString());
        Assert.Equal("all backends", body.GetProperty("scope").GetString());
        Assert.Equal(3, body.GetProperty("session_count").GetInt32());
        var sessions = body.GetProperty("sessions").EnumerateArray().ToList();
        Assert.Equal(ids.Select(id => id[..8]).Order(StringComparer.Ordinal), sessions.Select(s => s.GetProperty("id_prefix").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(ids[1][..8], Assert.Single(sessions, s => s.GetProperty("current").GetBoolean()).GetProperty("id_prefix").GetString());
        foreach (var id in ids)
        {
            Assert.DoesNotContain(id, text, StringComparison.Ordinal);
        }

        foreach (var session in sessions)
        {
            var created = session.GetProperty("created_at").GetDateTimeOffset();
            Assert.True(session.GetProperty("expires_at").GetDateTimeOffset() > DateTimeOffset.UtcNow);
            Assert.True(session.GetProperty("last_seen_at").GetDateTimeOffset() >= created);
            Assert.Equal(created + UserSessionsFixture.AbsoluteLifetime, session.GetProperty("absolute_expires_at").GetDateTimeOffset());
        }

        await DisposeAllAsync(devices);
    }

    [Fact]
    public async Task LogoutAll_FromOneOfThreeDevices_AllThreeRefusedOnEveryBackendAndNothingLeftInRedis()
    {
        var (devices, ids, userId) = await LogInOnEveryBackendAsync("devices-logout-all");
        using var other = fixture.Backends[0].NewClient();
        await other.LoginAsync("devices-logout-all-bystander");

        var reply = await devices[2].PostAsync("/logout-all", null, Ct);

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var body = await reply.JsonAsync();
        Assert.Equal(3, body.GetProperty("sessions_ended").GetInt32());
        Assert.Equal("all backends", body.GetProperty("scope").GetString());
        foreach (var id in ids)
        {
            foreach (var backend in fixture.Backends)
            {
                using var replay = backend.NewClientWithCookie($"session_id={id}");
                Assert.Equal(HttpStatusCode.Unauthorized, (await replay.ProfileAsync()).StatusCode);
            }

            Assert.False(await Redis.KeyExistsAsync(RedisSessionStore.KeyOf(id)));
        }

        Assert.False(await Redis.KeyExistsAsync(UserIndex.Sessions.KeyOf(userId)));
        Assert.Equal(HttpStatusCode.OK, (await other.ProfileAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await devices[0].PostAsync("/logout-all", null, Ct)).StatusCode);
        await DisposeAllAsync(devices);
    }

    [Fact]
    public async Task Sessions_AfterTwoDevicesExpiredIdle_ListsOnlyTheLiveOneAndTheIndexDropsTheStaleIds()
    {
        var (devices, ids, userId) = await LogInOnEveryBackendAsync("devices-stale", count: 2);
        await Task.Delay(UserSessionsFixture.Ttl + TimeSpan.FromSeconds(0.5), Ct);
        using var fresh = fixture.Backends[2].NewClient();
        var freshId = Api.SessionIdOf(await fresh.LoginAsync("devices-stale"));
        Assert.Equal(3, await Redis.SortedSetLengthAsync(UserIndex.Sessions.KeyOf(userId)));

        var body = await (await fresh.GetAsync("/sessions", Ct)).JsonAsync();

        Assert.Equal(1, body.GetProperty("session_count").GetInt32());
        Assert.Equal(freshId[..8], body.GetProperty("sessions")[0].GetProperty("id_prefix").GetString());
        var members = (await Redis.SortedSetRangeByRankAsync(UserIndex.Sessions.KeyOf(userId))).Select(m => m.ToString()).ToList();
        Assert.Equal([freshId], members);
        Assert.DoesNotContain(ids[0], members);
        await DisposeAllAsync(devices);
    }

    [Fact]
    public async Task Logout_OneDevice_LeavesTheIndexAndTheOtherDeviceStaysListed()
    {
        var (devices, ids, userId) = await LogInOnEveryBackendAsync("devices-logout-one", count: 2);

        Assert.Equal(HttpStatusCode.OK, (await devices[0].LogoutAsync()).StatusCode);

        var members = (await Redis.SortedSetRangeByRankAsync(UserIndex.Sessions.KeyOf(userId))).Select(m => m.ToString());
        Assert.Equal([ids[1]], members);
        var body = await (await devices[1].GetAsync("/sessions", Ct)).JsonAsync();
        Assert.Equal(1, body.GetProperty("session_count").GetInt32());
        await DisposeAllAsync(devices);
    }

    [Fact]
    public async Task Login_PastTheCapPerUser_EndsTheOldestSessionAndBoundsTheIndex()
    {
        var (devices, ids, userId) = await LogInOnEveryBackendAsync("devices-capped", count: UserSessionsFixture.MaxSessionsPerUser + 1);

        Assert.Equal(HttpStatusCode.Unauthorized, (await devices[0].ProfileAsync()).StatusCode);
        for (var i = 1; i < devices.Count; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await devices[i].ProfileAsync()).StatusCode);
        }

        Assert.False(await Redis.KeyExistsAsync(RedisSessionStore.KeyOf(ids[0])));
        Assert.Equal(UserSessionsFixture.MaxSessionsPerUser, await Redis.SortedSetLengthAsync(UserIndex.Sessions.KeyOf(userId)));
        await DisposeAllAsync(devices);
    }

    [Fact]
    public async Task Profile_KeptBusyPastTheAbsoluteLifetime_EndedAndTheTtlNeverReachesPastTheLimit()
    {
        using var client = fixture.Backends[0].NewClient();
        var login = await client.LoginAsync("busy-absolute");
        var key = RedisSessionStore.KeyOf(Api.SessionIdOf(login));
        var limit = JsonDocument.Parse((string)(await Redis.StringGetAsync(key))!).RootElement.GetProperty("created_at").GetDateTimeOffset()
            + UserSessionsFixture.AbsoluteLifetime;

        var statuses = new List<HttpStatusCode>();
        while (DateTimeOffset.UtcNow < limit + TimeSpan.FromSeconds(1))
        {
            var status = (await client.ProfileAsync()).StatusCode;
            statuses.Add(status);
            if (status == HttpStatusCode.OK && await Redis.KeyTimeToLiveAsync(key) is { } ttl)
            {
                // 50 ms for the clocks of the test, the backend and Redis to disagree.
                var reach = DateTimeOffset.UtcNow + ttl;
                Assert.True(reach <= limit + TimeSpan.FromMilliseconds(50), $"TTL {ttl} reaches {reach:O}, past the absolute limit {limit:O}");
            }

            await Task.Delay(300, Ct);
        }

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Equal(HttpStatusCode.Unauthorized, statuses[^1]);
        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) >= 10, "the session was kept busy before its limit");
        Assert.False(await Redis.KeyExistsAsync(key));
    }

    [Fact]
    public async Task IndexOfAnotherTypeWrittenByHand_503NotA500()
    {
        var (devices, _, userId) = await LogInOnEveryBackendAsync("index-wrong-type", count: 1);
        await Redis.KeyDeleteAsync(UserIndex.Sessions.KeyOf(userId));
        await Redis.StringSetAsync(UserIndex.Sessions.KeyOf(userId), "not a sorted set");

        var sessions = await devices[0].GetAsync("/sessions", Ct);
        using var another = fixture.Backends[1].NewClient();
        var login = await another.LoginAsync("index-wrong-type");
        var logoutAll = await devices[0].PostAsync("/logout-all", null, Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, sessions.StatusCode);
        Assert.Equal("session store unavailable", await sessions.ErrorAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, login.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, logoutAll.StatusCode);
        await Redis.KeyDeleteAsync(UserIndex.Sessions.KeyOf(userId));
        Assert.Equal(HttpStatusCode.OK, (await devices[0].ProfileAsync()).StatusCode);
        await DisposeAllAsync(devices);
    }

    private async Task<(List<HttpClient> Devices, List<string> Ids, int UserId)> LogInOnEveryBackendAsync(string username, int count = 3)
    {
        var devices = new List<HttpClient>();
        var ids = new List<string>();
        var userId = 0;
        for (var i = 0; i < count; i++)
        {
            var device = fixture.Backends[i % fixture.Backends.Count].NewClient();
            var login = await device.LoginAsync(username);
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            devices.Add(device);
            ids.Add(Api.SessionIdOf(login));
            userId = (await login.JsonAsync()).GetProperty("user_id").GetInt32();
        }

        return (devices, ids, userId);
    }

    private static Task DisposeAllAsync(IEnumerable<HttpClient> clients)
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        return Task.CompletedTask;
    }
}

/// <summary>The per-user index on redis-server (Garnet where it is not installed).</summary>
public sealed class PreferredStoreUserSessionsTests(PreferredStoreUserSessionsFixture fixture) : UserSessionsTests(fixture), IClassFixture<PreferredStoreUserSessionsFixture>;

/// <summary>The per-user index on the embedded Garnet: MULTI/EXEC, ZADD, PEXPIREAT NX/GT, ZREMRANGEBYSCORE, GETDEL.</summary>
public sealed class GarnetUserSessionsTests(GarnetUserSessionsFixture fixture) : UserSessionsTests(fixture), IClassFixture<GarnetUserSessionsFixture>;
