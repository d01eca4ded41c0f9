using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SessionLab.Backend.Identity;
using SessionLab.Backend.Sessions;
using SessionLab.Backend.Sticky;

namespace SessionLab.Tests.Backend.Sticky;

public sealed class InMemorySessionStoreTests
{
    private static readonly AuthenticatedUser Alice = new(1001, "alice");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly InMemorySessionStore _store;

    public InMemorySessionStoreTests() =>
        _store = new InMemorySessionStore(_time, Options.Create(new SessionOptions { Ttl = TimeSpan.FromSeconds(30) }), Sessions.SessionIdsTests.NewIds());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetAndTouchAsync_KeptBusyPastTheAbsoluteLifetime_Ended()
    {
        var store = new InMemorySessionStore(_time, Options.Create(new SessionOptions { Ttl = TimeSpan.FromSeconds(30), AbsoluteLifetime = TimeSpan.FromMinutes(2) }), Sessions.SessionIdsTests.NewIds());
        var session = await store.CreateAsync(Alice, Ct);

        for (var i = 0; i < 11; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            Assert.NotNull(await store.GetAndTouchAsync(session.SessionId, Ct));
        }

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(await store.GetAndTouchAsync(session.SessionId, Ct));
    }

    [Fact]
    public async Task CreateAsync_StoreFullOfLiveSessions_RefusedAsUnavailable()
    {
        var store = new InMemorySessionStore(_time, Options.Create(new SessionOptions { Ttl = TimeSpan.FromSeconds(30), MaxSessions = 2 }), Sessions.SessionIdsTests.NewIds());
        await store.CreateAsync(Alice, Ct);
        await store.CreateAsync(Alice, Ct);

        var full = await Assert.ThrowsAsync<SessionLab.Backend.Common.SessionStoreUnavailableException>(() => store.CreateAsync(Alice, Ct));
        Assert.Equal("session store full", full.Message);

        // Expired sessions make room again.
        _time.Advance(TimeSpan.FromSeconds(31));
        await store.CreateAsync(Alice, Ct);
    }

    [Fact]
    public async Task CreateAsync_NewSession_IsReadableWithItsUser()
    {
        var created = await _store.CreateAsync(Alice, Ct);

        var read = await _store.GetAndTouchAsync(created.SessionId, Ct);

        Assert.NotNull(read);
        Assert.Equal(1001, read.UserId);
        Assert.Equal("alice", read.Username);
        Assert.Equal(_time.GetUtcNow(), read.CreatedAt);
    }

    [Fact]
    public async Task GetAndTouchAsync_IdleLongerThanTtl_ReturnsNullAndForgetsIt()
    {
        var created = await _store.CreateAsync(Alice, Ct);

        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.Null(await _store.GetAndTouchAsync(created.SessionId, Ct));
        Assert.Equal(0, _store.Count);
    }

    [Fact]
    public async Task GetAndTouchAsync_ReadBeforeExpiry_SlidesTheExpiry()
    {
        var created = await _store.CreateAsync(Alice, Ct);

        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.NotNull(await _store.GetAndTouchAsync(created.SessionId, Ct));
        _time.Advance(TimeSpan.FromSeconds(20)); // 40 s after login, 20 s after the last read

        Assert.NotNull(await _store.GetAndTouchAsync(created.SessionId, Ct));
    }

    [Fact]
    public async Task DeleteAsync_ExistingSession_EndsItOnce()
    {
        var created = await _store.CreateAsync(Alice, Ct);

        Assert.True(await _store.DeleteAsync(created.SessionId, Ct));
        Assert.False(await _store.DeleteAsync(created.SessionId, Ct));
        Assert.Null(await _store.GetAndTouchAsync(created.SessionId, Ct));
    }

    [Fact]
    public async Task ListAsync_CountsLiveSessionsAndCapsTheIds()
    {
        for (var i = 0; i < 5; i++)
        {
            await _store.CreateAsync(new AuthenticatedUser(i, $"user{i}"), Ct);
        }

        var listing = await _store.ListAsync(maxIds: 2, Ct);

        Assert.Equal(5, listing.Count);
        Assert.Equal(2, listing.Ids.Count);
    }

    [Fact]
    public async Task RemoveExpired_RemovesOnlyIdleSessions()
    {
        var old = await _store.CreateAsync(Alice, Ct);
        _time.Advance(TimeSpan.FromSeconds(20));
        var fresh = await _store.CreateAsync(new AuthenticatedUser(1002, "bob"), Ct);
        _time.Advance(TimeSpan.FromSeconds(15));

        var removed = _store.RemoveExpired();

        Assert.Equal(1, removed);
        Assert.Null(await _store.GetAndTouchAsync(old.SessionId, Ct));
        Assert.NotNull(await _store.GetAndTouchAsync(fresh.SessionId, Ct));
    }

    [Fact]
    public async Task CreateAsync_ConcurrentLogins_AllGetDistinctLiveSessions()
    {
        var sessions = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i =>
            Task.Run(() => _store.CreateAsync(new AuthenticatedUser(i, $"user{i}"), Ct), Ct)));

        Assert.Equal(1000, sessions.Select(s => s.SessionId).Distinct().Count());
        Assert.Equal(1000, _store.Count);
    }

    [Fact]
    public async Task ListForUserAsync_SeveralUsers_OnlyTheCallersLiveSessionsWithTheirTimes()
    {
        var first = await _store.CreateAsync(Alice, Ct);
        _time.Advance(TimeSpan.FromSeconds(5));
        var second = await _store.CreateAsync(Alice, Ct);
        await _store.CreateAsync(new AuthenticatedUser(1002, "bob"), Ct);
        _time.Advance(TimeSpan.FromSeconds(5));
        await _store.GetAndTouchAsync(first.SessionId, Ct);

        var sessions = await _store.ListForUserAsync(1001, Ct);

        Assert.Equal([first.SessionId, second.SessionId], sessions.Select(s => s.SessionId));
        var touched = sessions.Single(s => s.SessionId == first.SessionId);
        Assert.Equal(first.CreatedAt, touched.CreatedAt);
        Assert.Equal(_time.GetUtcNow(), touched.LastSeenAt);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(30), touched.ExpiresAt);
        Assert.Equal(first.CreatedAt + TimeSpan.FromHours(12), touched.AbsoluteExpiresAt);
    }

    [Fact]
    public async Task ListForUserAsync_AfterIdleExpiry_NoStaleSession()
    {
        var idle = await _store.CreateAsync(Alice, Ct);
        _time.Advance(TimeSpan.FromSeconds(20));
        var busy = await _store.CreateAsync(Alice, Ct);
        _time.Advance(TimeSpan.FromSeconds(15));

        var sessions = await _store.ListForUserAsync(1001, Ct);

        Assert.Equal([busy.SessionId], sessions.Select(s => s.SessionId));
        Assert.DoesNotContain(idle.SessionId, sessions.Select(s => s.SessionId));
    }

    [Fact]
    public async Task DeleteForUserAsync_ThreeDevices_EndsAllOfThemAndNoOneElses()
    {
        var devices = new[] { await _store.CreateAsync(Alice, Ct), await _store.CreateAsync(Alice, Ct), await _store.CreateAsync(Alice, Ct) };
        var bob = await _store.CreateAsync(new AuthenticatedUser(1002, "bob"), Ct);

        var ended = await _store.DeleteForUserAsync(1001, Ct);

        Assert.Equal(3, ended);
        foreach (var device in devices)
        {
            Assert.Null(await _store.GetAndTouchAsync(device.SessionId, Ct));
        }

        Assert.NotNull(await _store.GetAndTouchAsync(bob.SessionId, Ct));
        Assert.Empty(await _store.ListForUserAsync(1001, Ct));

        // A new login afterwards is a fresh, listed session.
        var again = await _store.CreateAsync(Alice, Ct);
        Assert.Equal([again.SessionId], (await _store.ListForUserAsync(1001, Ct)).Select(s => s.SessionId));
    }

    [Fact]
    public async Task CreateAsync_PastTheCapPerUser_EndsTheOldestSession()
    {
        var store = new InMemorySessionStore(_time, Options.Create(new SessionOptions { Ttl = TimeSpan.FromSeconds(30), MaxSessionsPerUser = 2 }), Sessions.SessionIdsTests.NewIds());
        var oldest = await store.CreateAsync(Alice, Ct);
        _time.Advance(TimeSpan.FromSeconds(1));
        var middle = await store.CreateAsync(Alice, Ct);
        var bob = await store.CreateAsync(new AuthenticatedUser(1002, "bob"), Ct);
        _time.Advance(TimeSpan.FromSeconds(1));
        var newest = await store.CreateAsync(Alice, Ct);

        Assert.Null(await store.GetAndTouchAsync(oldest.SessionId, Ct));
        Assert.NotNull(await store.GetAndTouchAsync(middle.SessionId, Ct));
        Assert.NotNull(await store.GetAndTouchAsync(newest.SessionId, Ct));
        Assert.NotNull(await store.GetAndTouchAsync(bob.SessionId, Ct));
        Assert.Equal(2, (await store.ListForUserAsync(1001, Ct)).Count);
        Assert.Equal(3, store.Count);
    }

    [Fact]
    public async Task DeleteAsync_OneOfTwoDevices_TheOtherStaysListed()
    {
        var phone = await _store.CreateAsync(Alice, Ct);
        var laptop = await _store.CreateAsync(Alice, Ct);

        await _store.DeleteAsync(phone.SessionId, Ct);

        Assert.Equal([laptop.SessionId], (await _store.ListForUserAsync(1001, Ct)).Select(s => s.SessionId));
    }

    [Fact]
    public async Task CreateAndDeleteForUser_Concurrently_NoSessionOutlivesALaterLogoutAll()
    {
        var logins = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => _store.CreateAsync(Alice, Ct), Ct)));
        var racing = Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => _store.CreateAsync(Alice, Ct), Ct)));
        await _store.DeleteForUserAsync(1001, Ct);
        var raced = await racing;
        await _store.DeleteForUserAsync(1001, Ct);

        foreach (var session in logins.Concat(raced))
        {
            Assert.Null(await _store.GetAndTouchAsync(session.SessionId, Ct));
        }

        Assert.Equal(0, _store.Count);
    }

    [Fact]
    public void SweepInterval_DefaultsToATenthOfTheTtlWithinBounds()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), SessionSweeper.IntervalFor(new SessionOptions { Ttl = TimeSpan.FromSeconds(30) }));
        Assert.Equal(TimeSpan.FromSeconds(1), SessionSweeper.IntervalFor(new SessionOptions { Ttl = TimeSpan.FromSeconds(3) }));
        Assert.Equal(TimeSpan.FromMinutes(1), SessionSweeper.IntervalFor(new SessionOptions { Ttl = TimeSpan.FromHours(2) }));
    }
}
