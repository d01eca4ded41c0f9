using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SessionLab.Backend.Common;
using SessionLab.Backend.Identity;
using SessionLab.Backend.Sessions;
using StackExchange.Redis;

namespace SessionLab.Backend.Redis;

/// <summary>
/// Sessions in Redis: key <c>session:{id}</c>, a signed JSON value (<see cref="SignedSessionRecord"/>), and a TTL that
/// every read renews in the same round trip (<c>GETEX key PX ttl</c>), so sliding expiry costs nothing extra; only in a
/// session's last idle period before its absolute limit does a second command pull the TTL back to that limit. Each
/// session is also in its user's index (<see cref="UserIndex"/>, <c>user_sessions:{user_id}</c>), written in the same round trip.
/// What Redis access still means: a reader sees live session ids (sessions); a writer cannot mint or alter a session,
/// but can delete any (log anyone out), restore one it read before (undo a logout, until the session's absolute
/// lifetime ends) and, in the JWT scheme, delete a blacklist entry (undo a revocation). So Redis belongs on a private
/// network with a password, never published. No command or transaction spans two keys (a session and its index
/// entry fall in different hash slots on a Redis Cluster, where Redis refuses that with CROSSSLOT), so one key layout
/// serves a single Redis, Sentinel and Cluster alike; the order of the writes keeps the index complete instead.
/// </summary>
internal sealed partial class RedisSessionStore(
    RedisConnection redis,
    TimeProvider time,
    IOptions<SessionOptions> options,
    SessionIds ids,
    SessionKey key,
    ILogger<RedisSessionStore> logger) : ISessionStore
{
    public const string KeyPrefix = "session:";

    private const string Unavailable = ErrorMessages.SessionStoreUnavailable;

    private readonly TimeSpan _ttl = options.Value.Ttl;
    private readonly TimeSpan _absolute = options.Value.AbsoluteLifetime;
    private readonly int _maxPerUser = options.Value.MaxSessionsPerUser;
    private readonly byte[] _recordKey = key.Secret.Derive("sessionlab session record");

    public string Scope => SessionScopes.AllBackends;

    public static RedisKey KeyOf(string sessionId) => KeyPrefix + sessionId;

    public async Task<SessionRecord> CreateAsync(AuthenticatedUser user, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = time.GetUtcNow();
            var session = new SessionRecord(ids.New(), user.UserId, user.Username, now);
            var value = JsonSerializer.SerializeToUtf8Bytes(SignedSessionRecord.Sign(session, _recordKey), BackendJsonContext.Default.SignedSessionRecord);
            var (created, count) = await redis.CallAsync(
                async db =>
                {
                    // The index entry (its own MULTI/EXEC on the index key) and the session are sent at once: one round
                    // trip on a single Redis, two shards in parallel on a Cluster. The cookie goes out only when both
                    // succeeded, so no session a client holds is missing from its index and /logout-all cannot miss it.
                    var index = db.CreateTransaction();
                    var indexed = UserIndex.Sessions.QueueAdd(index, user.UserId, session.SessionId, now + _absolute, now);
                    var indexWritten = index.ExecuteAsync();
                    // NX: a colliding id (never expected at 128 bits) must not overwrite someone else's session.
                    var set = db.StringSetAsync(KeyOf(session.SessionId), value, _ttl, When.NotExists);
                    try
                    {
                        await Task.WhenAll(indexWritten, set).ConfigureAwait(false);
                    }
                    catch
                    {
                        // The index write failed (its shard is down): the session no client will get must not stay unindexed.
                        if (set.IsCompletedSuccessfully && set.Result)
                        {
                            _ = db.KeyDeleteAsync(KeyOf(session.SessionId), CommandFlags.FireAndForget);
                        }

                        throw;
                    }

                    return (await set.ConfigureAwait(false), await IndexCountAsync(indexed).ConfigureAwait(false));
                },
                Unavailable);
            if (!created)
            {
                // The id is someone else's: take it back out of this user's index and draw another.
                await redis.CallOrUnavailableAsync(db => UserIndex.Sessions.RemoveAsync(db, user.UserId, [session.SessionId]), Unavailable);
                continue;
            }

            if (count is not { } members)
            {
                // The index key holds something else (written by hand): no session that /logout-all could not end.
                await redis.CallAsync(db => db.KeyDeleteAsync(KeyOf(session.SessionId)), Unavailable);
                throw new SessionStoreUnavailableException(Unavailable);
            }

            if (members > _maxPerUser)
            {
                await EvictOldestAsync(user.UserId, now);
            }

            await redis.WaitForReplicasAsync(Unavailable);
            return session;
        }
    }

    public async Task<SessionRecord?> GetAndTouchAsync(string sessionId, CancellationToken cancellationToken)
    {
        RedisValue value;
        try
        {
            value = await redis.CallAsync(db => db.StringGetSetExpiryAsync(KeyOf(sessionId), _ttl), Unavailable);
        }
        catch (RedisServerException e) when (IsWrongType(e))
        {
            // Someone wrote another type under a session key: no session, not a 500.
            LogUnreadableSession(e);
            return null;
        }

        if (Read(value, sessionId) is not { } session)
        {
            return null;
        }

        // The MAC covers created_at, so however often the record is read, restored or PERSISTed, it dies at its absolute limit.
        var now = time.GetUtcNow();
        var limit = session.CreatedAt + _absolute;
        if (now >= limit)
        {
            await EndAsync(session.UserId, [sessionId]);
            return null;
        }

        if (now + _ttl > limit)
        {
            // GETEX just renewed a full idle period: pull the TTL back to the absolute limit, which Redis must not outlive.
            await redis.CallAsync(db => db.KeyExpireAsync(KeyOf(sessionId), limit.UtcDateTime), Unavailable);
        }

        return session;
    }

    public async Task<bool> DeleteAsync(string sessionId, CancellationToken cancellationToken)
    {
        RedisValue value;
        try
        {
            value = await redis.CallAsync(db => db.StringGetDeleteAsync(KeyOf(sessionId)), Unavailable);
        }
        catch (RedisServerException e) when (IsWrongType(e))
        {
            return await redis.CallAsync(db => db.KeyDeleteAsync(KeyOf(sessionId)), Unavailable);
        }

        if (value.IsNull)
        {
            return false;
        }

        if (Read(value, sessionId) is { } session)
        {
            await redis.CallOrUnavailableAsync(db => UserIndex.Sessions.RemoveAsync(db, session.UserId, [sessionId]), Unavailable);
        }

        return true;
    }

    public async Task<IReadOnlyList<UserSession>> ListForUserAsync(int userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var members = await MembersAsync(userId, now);
        if (members.Length == 0)
        {
            return [];
        }

        // One pipelined round trip: each member's record and remaining TTL.
        var reads = await redis.CallAsync(
            async db =>
            {
                var batch = db.CreateBatch();
                var pending = members.Select(id => (Value: batch.StringGetAsync(KeyOf(id)), Ttl: batch.KeyTimeToLiveAsync(KeyOf(id)))).ToArray();
                batch.Execute();
                var results = new (RedisValue Value, TimeSpan? Ttl)[pending.Length];
                for (var i = 0; i < pending.Length; i++)
                {
                    results[i] = (await ValueOrNullAsync(pending[i].Value).ConfigureAwait(false), await pending[i].Ttl.ConfigureAwait(false));
                }

                return results;
            },
            Unavailable);

        var sessions = new List<UserSession>(members.Length);
        var stale = new List<string>();
        var ended = new List<string>();
        for (var i = 0; i < members.Length; i++)
        {
            var (value, ttl) = reads[i];
            if (Read(value, members[i]) is not { } session || session.UserId != userId || ttl is not { } remaining)
            {
                stale.Add(members[i]);
                continue;
            }

            var limit = session.CreatedAt + _absolute;
            if (now >= limit)
            {
                ended.Add(members[i]);
                continue;
            }

            var expires = now + remaining;
            // Redis keeps no last-seen time; the TTL tells it, except in the last idle period where the TTL is cut to
            // the absolute limit and this is a lower bound.
            var lastSeen = expires - _ttl > session.CreatedAt ? expires - _ttl : session.CreatedAt;
            sessions.Add(new UserSession(session.SessionId, session.CreatedAt, lastSeen, expires < limit ? expires : limit, limit));
        }

        if (ended.Count > 0)
        {
            await EndAsync(userId, ended);
        }

        if (stale.Count > 0)
        {
            // The key is gone (idle expiry, or deleted without the index): never served again.
            await redis.CallOrUnavailableAsync(db => UserIndex.Sessions.RemoveAsync(db, userId, stale), Unavailable);
        }

        return sessions;
    }

    public async Task<int> DeleteForUserAsync(int userId, CancellationToken cancellationToken)
    {
        var members = await MembersAsync(userId, time.GetUtcNow());
        return members.Length == 0 ? 0 : (int)await EndAsync(userId, members);
    }

    public async Task<SessionListing> ListAsync(int maxIds, CancellationToken cancellationToken)
    {
        try
        {
            var ids = new List<string>();
            long count = 0;
            // Every primary: in a Cluster the keys are spread over the shards, and SCAN sees one server's keys only.
            foreach (var server in redis.Primaries())
            {
                await foreach (var key in server.KeysAsync(pattern: KeyPrefix + "*", pageSize: 1000).WithCancellation(cancellationToken))
                {
                    count++;
                    if (ids.Count < maxIds)
                    {
                        ids.Add(((string)key!)[KeyPrefix.Length..]);
                    }
                }
            }

            return new SessionListing(count, ids);
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException or TimeoutException)
        {
            throw new SessionStoreUnavailableException(Unavailable, e);
        }
    }

    private async Task<string[]> MembersAsync(int userId, DateTimeOffset now) =>
        [.. (await redis.CallOrUnavailableAsync(db => UserIndex.Sessions.PruneAndReadAsync(db, userId, now), Unavailable)).Select(e => e.Element.ToString())];

    /// <summary>
    /// Deletes the sessions, then their index entries; returns how many keys existed. One DEL per key, all sent at once
    /// (on a Cluster the keys are in different slots, where a multi-key DEL is refused); the index entries go only after
    /// every key is gone, so a failure half-way leaves an index entry without a session (pruned by the next read), never
    /// a live session outside the index. Only these members leave the index (not the whole key), so a login racing with
    /// <c>/logout-all</c> keeps its entry and stays endable.
    /// </summary>
    private Task<long> EndAsync(int userId, IReadOnlyCollection<string> sessionIds) =>
        redis.CallOrUnavailableAsync(
            async db =>
            {
                var deleted = await Task.WhenAll(sessionIds.Select(id => db.KeyDeleteAsync(KeyOf(id)))).ConfigureAwait(false);
                await UserIndex.Sessions.RemoveAsync(db, userId, sessionIds).ConfigureAwait(false);
                return (long)deleted.Count(d => d);
            },
            Unavailable);

    /// <summary>Past the per-user cap: drops index members whose key is gone, then ends the oldest live sessions beyond it.</summary>
    private async Task EvictOldestAsync(int userId, DateTimeOffset now)
    {
        var members = await MembersAsync(userId, now);
        var exists = await redis.CallOrUnavailableAsync(
            async db =>
            {
                var batch = db.CreateBatch();
                var pending = members.Select(id => batch.KeyExistsAsync(KeyOf(id))).ToArray();
                batch.Execute();
                return await Task.WhenAll(pending).ConfigureAwait(false);
            },
            Unavailable);
        var live = members.Where((_, i) => exists[i]).ToList();
        var gone = members.Where((_, i) => !exists[i]);
        var evicted = live.Take(Math.Max(0, live.Count - _maxPerUser)).ToList();
        if (evicted.Count > 0)
        {
            LogEvicted(userId, evicted.Count, _maxPerUser);
        }

        await EndAsync(userId, [.. gone, .. evicted]);
    }

    /// <summary>The session of a stored value, when it is a record of this id with a valid MAC; otherwise null (and logged).</summary>
    private SessionRecord? Read(RedisValue value, string sessionId)
    {
        if (value.IsNull)
        {
            return null;
        }

        SignedSessionRecord? stored;
        try
        {
            stored = JsonSerializer.Deserialize((byte[])value!, BackendJsonContext.Default.SignedSessionRecord);
        }
        catch (JsonException e)
        {
            // Someone else wrote this key; treat it as no session rather than failing the request.
            LogUnreadableSession(e);
            return null;
        }

        if (stored?.Verify(sessionId, _recordKey) is not { } session)
        {
            LogForgedSession();
            return null;
        }

        return session;
    }

    private static async Task<long?> IndexCountAsync(Task<long> count)
    {
        try
        {
            return await count.ConfigureAwait(false);
        }
        catch (RedisServerException e) when (IsWrongType(e))
        {
            return null;
        }
    }

    private static async Task<RedisValue> ValueOrNullAsync(Task<RedisValue> value)
    {
        try
        {
            return await value.ConfigureAwait(false);
        }
        catch (RedisServerException e) when (IsWrongType(e))
        {
            return RedisValue.Null;
        }
    }

    private static bool IsWrongType(RedisServerException e) => e.Message.StartsWith("WRONGTYPE", StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A session key holds a value that is not a session; ignoring it")]
    private partial void LogUnreadableSession(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A session record in Redis fails its MAC (written or edited without the session key); refused")]
    private partial void LogForgedSession();

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} is past {Max} sessions: ended the oldest {Count}")]
    private partial void LogEvicted(int userId, int count, int max);
}
