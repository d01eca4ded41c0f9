using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SessionLab.Backend.Identity;
using SessionLab.Backend.Sessions;

namespace SessionLab.Backend.Sticky;

/// <summary>
/// Sessions in this process's memory, as a sticky backend keeps them: lost when the process dies,
/// invisible to the other backends. Thread-safe; idle sessions expire after the TTL (reads renew it).
/// </summary>
internal sealed class InMemorySessionStore(TimeProvider time, IOptions<SessionOptions> options, SessionIds ids) : ISessionStore
{
    private readonly ConcurrentDictionary<string, Entry> _sessions = new(StringComparer.Ordinal);
    private readonly long _ttlMs = (long)options.Value.Ttl.TotalMilliseconds;
    private readonly int _maxSessions = options.Value.MaxSessions;
    private readonly long _absoluteMs = (long)options.Value.AbsoluteLifetime.TotalMilliseconds;

    public int Count => _sessions.Count;

    public Task<SessionRecord> CreateAsync(AuthenticatedUser user, CancellationToken cancellationToken)
    {
        // A bound on process memory: past it logins get 503 rather than the backend running out of memory.
        if (_sessions.Count >= _maxSessions && RemoveExpired() == 0 && _sessions.Count >= _maxSessions)
        {
            throw new Common.SessionStoreUnavailableException(Common.ErrorMessages.SessionStoreFull);
        }

        var now = NowMs();
        string id;
        Entry entry;
        do
        {
            id = ids.New();
            entry = new Entry(user.UserId, user.Username, now);
        }
        while (!_sessions.TryAdd(id, entry)); // a 128-bit collision is astronomically unlikely; never overwrite one.

        return Task.FromResult(entry.ToRecord(id));
    }

    public Task<SessionRecord?> GetAndTouchAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (!_sessions.TryGetValue(sessionId, out var entry))
        {
            return Task.FromResult<SessionRecord?>(null);
        }

        var now = NowMs();
        if (entry.IsExpired(now, _ttlMs) || entry.IsPast(now, _absoluteMs))
        {
            _sessions.TryRemove(new KeyValuePair<string, Entry>(sessionId, entry));
            return Task.FromResult<SessionRecord?>(null);
        }

        entry.Touch(now);
        return Task.FromResult<SessionRecord?>(entry.ToRecord(sessionId));
    }

    public Task<bool> DeleteAsync(string sessionId, CancellationToken cancellationToken) =>
        Task.FromResult(_sessions.TryRemove(sessionId, out _));

    public Task<SessionListing> ListAsync(int maxIds, CancellationToken cancellationToken)
    {
        var now = NowMs();
        var ids = new List<string>(Math.Min(maxIds, _sessions.Count));
        long count = 0;
        foreach (var (id, entry) in _sessions)
        {
            if (entry.IsExpired(now, _ttlMs))
            {
                continue;
            }

            count++;
            if (ids.Count < maxIds)
            {
                ids.Add(id);
            }
        }

        return Task.FromResult(new SessionListing(count, ids));
    }

    /// <summary>Removes every expired session; returns how many. Called periodically by <see cref="SessionSweeper"/>.</summary>
    public int RemoveExpired()
    {
        var now = NowMs();
        var removed = 0;
        foreach (var pair in _sessions)
        {
            if (pair.Value.IsExpired(now, _ttlMs) && _sessions.TryRemove(pair))
            {
                removed++;
            }
        }

        return removed;
    }

    private long NowMs() => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Kept small on purpose (two longs, an int, a reference): 10,000 sessions should cost well under 4 MB.</summary>
    private sealed class Entry
    {
        private readonly int _userId;
        private readonly string _username;
        private readonly long _createdAtMs;
        private long _lastSeenMs;

        public Entry(int userId, string username, long createdAtMs)
        {
            _userId = userId;
            _username = username;
            _createdAtMs = createdAtMs;
            _lastSeenMs = createdAtMs;
        }

        public bool IsExpired(long nowMs, long ttlMs) => nowMs - Volatile.Read(ref _lastSeenMs) >= ttlMs;

        public bool IsPast(long nowMs, long absoluteMs) => nowMs - _createdAtMs >= absoluteMs;

        public void Touch(long nowMs) => Volatile.Write(ref _lastSeenMs, nowMs);

        public SessionRecord ToRecord(string id) =>
            new(id, _userId, _username, DateTimeOffset.FromUnixTimeMilliseconds(_createdAtMs));
    }
}
