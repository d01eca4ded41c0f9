using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SessionLab.Backend.Common;
using SessionLab.Backend.Identity;
using SessionLab.Backend.Sessions;

namespace SessionLab.Backend.Sticky;

/// <summary>
/// Sessions in this process's memory, as a sticky backend keeps them: lost when the process dies, invisible to the
/// other backends. Thread-safe; idle sessions expire after the TTL (reads renew it), busy ones at the absolute
/// lifetime. A per-user table of ids serves <c>/sessions</c> and <c>/logout-all</c> without scanning every session
/// and enforces <see cref="SessionOptions.MaxSessionsPerUser"/>; a session is added to it under the user's lock
/// before anyone can read the session, so <c>/logout-all</c> never misses one of this process.
/// </summary>
internal sealed class InMemorySessionStore(TimeProvider time, IOptions<SessionOptions> options, SessionIds ids) : ISessionStore
{
    private readonly ConcurrentDictionary<string, Entry> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, UserSessionIds> _users = new();
    private readonly long _ttlMs = (long)options.Value.Ttl.TotalMilliseconds;
    private readonly int _maxSessions = options.Value.MaxSessions;
    private readonly int _maxPerUser = options.Value.MaxSessionsPerUser;
    private readonly long _absoluteMs = (long)options.Value.AbsoluteLifetime.TotalMilliseconds;

    public int Count => _sessions.Count;

    public string Scope => SessionScopes.ThisBackend;

    public Task<SessionRecord> CreateAsync(AuthenticatedUser user, CancellationToken cancellationToken)
    {
        // A bound on process memory: past it logins get 503 rather than the backend running out of memory.
        if (_sessions.Count >= _maxSessions && RemoveExpired() == 0 && _sessions.Count >= _maxSessions)
        {
            throw new SessionStoreUnavailableException(ErrorMessages.SessionStoreFull);
        }

        while (true)
        {
            var owned = _users.GetOrAdd(user.UserId, static _ => new UserSessionIds());
            lock (owned)
            {
                if (owned.Removed)
                {
                    continue;
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

                owned.Add(id);
                if (owned.Count > _maxPerUser)
                {
                    Trim(owned, now);
                }

                return Task.FromResult(entry.ToRecord(id));
            }
        }
    }

    public Task<SessionRecord?> GetAndTouchAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (!_sessions.TryGetValue(sessionId, out var entry))
        {
            return Task.FromResult<SessionRecord?>(null);
        }

        var now = NowMs();
        if (!entry.IsLive(now, _ttlMs, _absoluteMs))
        {
            Remove(sessionId, entry);
            return Task.FromResult<SessionRecord?>(null);
        }

        entry.Touch(now);
        return Task.FromResult<SessionRecord?>(entry.ToRecord(sessionId));
    }

    public Task<bool> DeleteAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (!_sessions.TryRemove(sessionId, out var entry))
        {
            return Task.FromResult(false);
        }

        Forget(entry.UserId, sessionId);
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<UserSession>> ListForUserAsync(int userId, CancellationToken cancellationToken)
    {
        if (!_users.TryGetValue(userId, out var owned))
        {
            return Task.FromResult<IReadOnlyList<UserSession>>([]);
        }

        string[] sessionIds;
        lock (owned)
        {
            sessionIds = owned.ToArray();
        }

        var now = NowMs();
        var sessions = new List<UserSession>(sessionIds.Length);
        foreach (var id in sessionIds)
        {
            if (_sessions.TryGetValue(id, out var entry) && entry.IsLive(now, _ttlMs, _absoluteMs))
            {
                sessions.Add(entry.Describe(id, _ttlMs, _absoluteMs));
            }
        }

        return Task.FromResult<IReadOnlyList<UserSession>>(sessions);
    }

    public Task<int> DeleteForUserAsync(int userId, CancellationToken cancellationToken)
    {
        if (!_users.TryGetValue(userId, out var owned))
        {
            return Task.FromResult(0);
        }

        var now = NowMs();
        var ended = 0;
        lock (owned)
        {
            foreach (var id in owned.ToArray())
            {
                if (_sessions.TryRemove(id, out var entry) && entry.IsLive(now, _ttlMs, _absoluteMs))
                {
                    ended++;
                }
            }

            owned.Clear();
            owned.Removed = true;
            _users.TryRemove(KeyValuePair.Create(userId, owned));
        }

        return Task.FromResult(ended);
    }

    public Task<SessionListing> ListAsync(int maxIds, CancellationToken cancellationToken)
    {
        var now = NowMs();
        var ids = new List<string>(Math.Min(maxIds, _sessions.Count));
        long count = 0;
        foreach (var (id, entry) in _sessions)
        {
            if (!entry.IsLive(now, _ttlMs, _absoluteMs))
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
            if (!pair.Value.IsLive(now, _ttlMs, _absoluteMs) && Remove(pair.Key, pair.Value))
            {
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Under the user's lock: drops ids that are no longer live, then ends the oldest sessions beyond the cap.</summary>
    private void Trim(UserSessionIds owned, long now)
    {
        foreach (var id in owned.ToArray())
        {
            if (!_sessions.TryGetValue(id, out var entry) || !entry.IsLive(now, _ttlMs, _absoluteMs))
            {
                _sessions.TryRemove(id, out _);
                owned.Remove(id);
            }
        }

        while (owned.Count > _maxPerUser)
        {
            var oldest = owned.Oldest;
            _sessions.TryRemove(oldest, out _);
            owned.Remove(oldest);
        }
    }

    private bool Remove(string sessionId, Entry entry)
    {
        if (!_sessions.TryRemove(new KeyValuePair<string, Entry>(sessionId, entry)))
        {
            return false;
        }

        Forget(entry.UserId, sessionId);
        return true;
    }

    private void Forget(int userId, string sessionId)
    {
        if (!_users.TryGetValue(userId, out var owned))
        {
            return;
        }

        lock (owned)
        {
            owned.Remove(sessionId);
            if (owned.Count == 0 && !owned.Removed)
            {
                owned.Removed = true;
                _users.TryRemove(KeyValuePair.Create(userId, owned));
            }
        }
    }

    private long NowMs() => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Kept small on purpose (two longs, an int, a reference): 10,000 sessions should cost well under 4 MB.</summary>
    private sealed class Entry
    {
        private readonly string _username;
        private readonly long _createdAtMs;
        private long _lastSeenMs;

        public Entry(int userId, string username, long createdAtMs)
        {
            UserId = userId;
            _username = username;
            _createdAtMs = createdAtMs;
            _lastSeenMs = createdAtMs;
        }

        public int UserId { get; }

        public bool IsLive(long nowMs, long ttlMs, long absoluteMs) =>
            nowMs - Volatile.Read(ref _lastSeenMs) < ttlMs && nowMs - _createdAtMs < absoluteMs;

        public void Touch(long nowMs) => Volatile.Write(ref _lastSeenMs, nowMs);

        public SessionRecord ToRecord(string id) =>
            new(id, UserId, _username, DateTimeOffset.FromUnixTimeMilliseconds(_createdAtMs));

        public UserSession Describe(string id, long ttlMs, long absoluteMs)
        {
            var lastSeen = Volatile.Read(ref _lastSeenMs);
            var absolute = _createdAtMs + absoluteMs;
            return new UserSession(
                id,
                DateTimeOffset.FromUnixTimeMilliseconds(_createdAtMs),
                DateTimeOffset.FromUnixTimeMilliseconds(lastSeen),
                DateTimeOffset.FromUnixTimeMilliseconds(Math.Min(lastSeen + ttlMs, absolute)),
                DateTimeOffset.FromUnixTimeMilliseconds(absolute));
        }
    }
}
