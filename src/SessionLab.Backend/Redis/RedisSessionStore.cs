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
/// every read renews in the same round trip (<c>GETEX key EX ttl</c>), so sliding expiry costs nothing extra.
/// What Redis access still means: a reader sees live session ids (sessions); a writer cannot mint or alter a session,
/// but can delete any (log anyone out), restore one it read before (undo a logout, until the session's absolute
/// lifetime ends) and, in the JWT scheme, delete a blacklist entry (undo a revocation). So Redis belongs on a private
/// network with a password, never published.
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

    private readonly TimeSpan _ttl = options.Value.Ttl;
    private readonly TimeSpan _absolute = options.Value.AbsoluteLifetime;
    private readonly byte[] _recordKey = key.Secret.Derive("sessionlab session record");

    public static RedisKey KeyOf(string sessionId) => KeyPrefix + sessionId;

    public async Task<SessionRecord> CreateAsync(AuthenticatedUser user, CancellationToken cancellationToken)
    {
        while (true)
        {
            var session = new SessionRecord(ids.New(), user.UserId, user.Username, time.GetUtcNow());
            var value = JsonSerializer.SerializeToUtf8Bytes(SignedSessionRecord.Sign(session, _recordKey), BackendJsonContext.Default.SignedSessionRecord);
            // NX: a colliding id (never expected at 128 bits) must not overwrite someone else's session.
            var created = await redis.CallAsync(
                db => db.StringSetAsync(KeyOf(session.SessionId), value, _ttl, When.NotExists),
                ErrorMessages.SessionStoreUnavailable);
            if (created)
            {
                return session;
            }
        }
    }

    public async Task<SessionRecord?> GetAndTouchAsync(string sessionId, CancellationToken cancellationToken)
    {
        RedisValue value;
        try
        {
            value = await redis.CallAsync(
                db => db.StringGetSetExpiryAsync(KeyOf(sessionId), _ttl),
                ErrorMessages.SessionStoreUnavailable);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("WRONGTYPE", StringComparison.Ordinal))
        {
            // Someone wrote another type under a session key: no session, not a 500.
            LogUnreadableSession(e);
            return null;
        }

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

        // The MAC covers created_at, so however often the record is read, restored or PERSISTed, it dies at its absolute limit.
        if (time.GetUtcNow() - session.CreatedAt >= _absolute)
        {
            await DeleteAsync(sessionId, cancellationToken);
            return null;
        }

        return session;
    }

    public Task<bool> DeleteAsync(string sessionId, CancellationToken cancellationToken) =>
        redis.CallAsync(db => db.KeyDeleteAsync(KeyOf(sessionId)), ErrorMessages.SessionStoreUnavailable);

    public async Task<SessionListing> ListAsync(int maxIds, CancellationToken cancellationToken)
    {
        try
        {
            var ids = new List<string>();
            long count = 0;
            // Every primary: in a Cluster the keys are spread over several servers.
            foreach (var server in redis.Multiplexer.GetServers().Where(s => !s.IsReplica))
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
            throw new SessionStoreUnavailableException(ErrorMessages.SessionStoreUnavailable, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A session key holds a value that is not a session; ignoring it")]
    private partial void LogUnreadableSession(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A session record in Redis fails its MAC (written or edited without the session key); refused")]
    private partial void LogForgedSession();
}
