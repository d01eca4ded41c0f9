using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SessionLab.Backend.Common;
using SessionLab.Backend.Identity;
using SessionLab.Backend.Redis;
using StackExchange.Redis;

namespace SessionLab.Backend.Jwt;

/// <summary>
/// Rotating refresh tokens (RFC 9700 §4.14.2) in Redis. A login starts a family, the hash <c>refresh_family:{id}</c>:
/// its user and absolute expiry (MAC'd, <see cref="RefreshFamily"/>), a keyed hash of its one current token, a
/// generation count, and once revoked, why. Every <c>/refresh</c> replaces the current token (compare-and-set under
/// WATCH, so of two concurrent uses only one can win); presenting any other token of the family, a retired one, is
/// reuse: the family is revoked, so both the thief and the victim have to log in again. Revoked families stay as
/// tombstones until they would have expired, so a late replay is still recognised. The user's families are indexed in
/// <c>user_refresh_families:{user_id}</c> (<see cref="UserIndex"/>) for <c>/logout-all</c> and the per-user cap.
/// </summary>
internal sealed partial class RefreshTokenStore(
    RedisConnection redis,
    RefreshTokenCodec codec,
    JwtSigningKey key,
    TimeProvider time,
    IOptions<JwtOptions> options,
    ILogger<RefreshTokenStore> logger)
{
    public const string FamilyKeyPrefix = "refresh_family:";

    private const string Unavailable = ErrorMessages.RefreshStoreUnavailable;
    private const string UserIdField = "user_id";
    private const string UsernameField = "username";
    private const string CreatedAtField = "created_at";
    private const string ExpiresAtField = "expires_at";
    private const string MacField = "mac";
    private const string CurrentField = "current";
    private const string GenerationField = "generation";
    private const string RotatedAtField = "rotated_at";

    /// <summary>The field a revoked family carries, with the reason as its value.</summary>
    public const string RevokedField = "revoked";

    private readonly byte[] _macKey = key.Secret.Derive("sessionlab refresh family");
    private readonly TimeSpan _lifetime = options.Value.RefreshLifetime;
    private readonly int _maxPerUser = options.Value.MaxRefreshFamiliesPerUser;

    public static RedisKey FamilyKeyOf(string familyId) => FamilyKeyPrefix + familyId;

    /// <summary>Starts a family for <paramref name="user"/>; past the per-user cap the oldest family is revoked.</summary>
    public async Task<IssuedRefreshToken> CreateAsync(AuthenticatedUser user)
    {
        var now = Now();
        var family = new RefreshFamily(RefreshTokenCodec.NewFamilyId(), user.UserId, user.Username, now, now + _lifetime);
        var token = codec.New(family.FamilyId);
        var count = await redis.CallOrUnavailableAsync(
            async db =>
            {
                // The family (one MULTI/EXEC on its key) and its index entry (another on the index key: on a Cluster the
                // two are in different slots) are sent at once; the token goes out only when both succeeded, so
                // /logout-all cannot miss a family a client holds.
                var transaction = db.CreateTransaction();
                var index = db.CreateTransaction();
                var familyKey = FamilyKeyOf(family.FamilyId);
                _ = transaction.HashSetAsync(familyKey,
                [
                    new(UserIdField, family.UserId),
                    new(UsernameField, family.Username),
                    new(CreatedAtField, family.CreatedAt.ToUnixTimeMilliseconds()),
                    new(ExpiresAtField, family.ExpiresAt.ToUnixTimeMilliseconds()),
                    new(MacField, family.MacOf(_macKey)),
                    new(CurrentField, codec.HashOf(token)),
                    new(GenerationField, 1),
                    new(RotatedAtField, now.ToUnixTimeMilliseconds()),
                ]);
                _ = transaction.KeyExpireAsync(familyKey, family.ExpiresAt.UtcDateTime);
                var indexed = UserIndex.RefreshFamilies.QueueAdd(index, user.UserId, family.FamilyId, family.ExpiresAt, now);
                var written = transaction.ExecuteAsync();
                try
                {
                    await Task.WhenAll(written, index.ExecuteAsync()).ConfigureAwait(false);
                }
                catch
                {
                    // The index write failed: the family no client will get must not stay unindexed.
                    if (written.IsCompletedSuccessfully)
                    {
                        _ = db.KeyDeleteAsync(familyKey, CommandFlags.FireAndForget);
                    }

                    throw;
                }

                return await indexed.ConfigureAwait(false);
            },
            Unavailable);
        if (count > _maxPerUser)
        {
            var members = await redis.CallOrUnavailableAsync(db => UserIndex.RefreshFamilies.PruneAndReadAsync(db, user.UserId, now), Unavailable);
            var oldest = members.Take(Math.Max(0, members.Length - _maxPerUser)).ToArray();
            LogEvicted(user.UserId, oldest.Length, _maxPerUser);
            await RevokeAsync(user.UserId, oldest, RevocationReasons.TooManyFamilies);
        }

        return new IssuedRefreshToken(token, family);
    }

    /// <summary>Exchanges the family's current token for a new one; anything else is refused, and a retired token revokes the family.</summary>
    public async Task<RefreshOutcome> RotateAsync(string token, string familyId)
    {
        var familyKey = FamilyKeyOf(familyId);
        HashEntry[] fields;
        try
        {
            fields = await redis.CallAsync(db => db.HashGetAllAsync(familyKey), Unavailable);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("WRONGTYPE", StringComparison.Ordinal))
        {
            return RefreshOutcome.Refused(RefreshRefusal.Invalid);
        }

        var values = fields.ToDictionary(f => f.Name.ToString(), f => f.Value, StringComparer.Ordinal);
        if (values.Count == 0)
        {
            // Never issued here, expired with its family, or lost with Redis's memory.
            return RefreshOutcome.Refused(RefreshRefusal.Invalid);
        }

        // A revoked mark only takes rights away, so it is honoured before the MAC is checked.
        if (values.ContainsKey(RevokedField))
        {
            return RefreshOutcome.Refused(RefreshRefusal.Revoked);
        }

        if (Parse(familyId, values) is not { } family)
        {
            LogForgedFamily();
            return RefreshOutcome.Refused(RefreshRefusal.Invalid);
        }

        var now = Now();
        if (now >= family.ExpiresAt)
        {
            return RefreshOutcome.Refused(RefreshRefusal.Expired);
        }

        var presented = codec.HashOf(token);
        if (!values.TryGetValue(CurrentField, out var current) || !SameHash(current.ToString(), presented))
        {
            LogReuse(family.UserId, familyId);
            await RevokeAsync(family.UserId, [new SortedSetEntry(familyId, family.ExpiresAt.ToUnixTimeMilliseconds())], RevocationReasons.ReuseDetected);
            return RefreshOutcome.Refused(RefreshRefusal.Reused);
        }

        var next = codec.New(familyId);
        var rotated = await redis.CallOrUnavailableAsync(
            async db =>
            {
                var transaction = db.CreateTransaction();
                transaction.AddCondition(Condition.HashEqual(familyKey, CurrentField, presented));
                transaction.AddCondition(Condition.HashNotExists(familyKey, RevokedField));
                _ = transaction.HashSetAsync(familyKey, [new(CurrentField, codec.HashOf(next)), new(RotatedAtField, now.ToUnixTimeMilliseconds())]);
                var generation = transaction.HashIncrementAsync(familyKey, GenerationField);
                return await transaction.ExecuteAsync().ConfigureAwait(false) ? await generation.ConfigureAwait(false) : (long?)null;
            },
            Unavailable);
        if (rotated is null)
        {
            // Another request used the same token first (or revoked the family) between our read and our write: the
            // token was used twice, which is what reuse detection is for, even if both uses were the client's own.
            LogReuse(family.UserId, familyId);
            await RevokeAsync(family.UserId, [new SortedSetEntry(familyId, family.ExpiresAt.ToUnixTimeMilliseconds())], RevocationReasons.ReuseDetected);
            return RefreshOutcome.Refused(RefreshRefusal.Reused);
        }

        return RefreshOutcome.Rotated(new IssuedRefreshToken(next, family), rotated.Value);
    }

    /// <summary>Revokes one family of <paramref name="userId"/> (a <c>/logout</c>); false when it was gone or revoked already.</summary>
    public async Task<bool> RevokeFamilyAsync(int userId, string familyId, string reason)
    {
        var expires = await redis.CallOrUnavailableAsync(db => db.HashGetAsync(FamilyKeyOf(familyId), ExpiresAtField), Unavailable);
        if (!expires.TryParse(out long expiresAtMs))
        {
            return false;
        }

        return await RevokeAsync(userId, [new SortedSetEntry(familyId, expiresAtMs)], reason) > 0;
    }

    /// <summary>Revokes every live family of the user (<c>/logout-all</c>); returns how many.</summary>
    public async Task<int> RevokeAllAsync(int userId, string reason)
    {
        var members = await redis.CallOrUnavailableAsync(db => UserIndex.RefreshFamilies.PruneAndReadAsync(db, userId, Now()), Unavailable);
        return members.Length == 0 ? 0 : await RevokeAsync(userId, members, reason);
    }

    /// <summary>
    /// Marks each family revoked (the first reason stays) and keeps its tombstone only until it would have expired, in
    /// one MULTI/EXEC per family (so marking a family that is already gone cannot leave a key behind); then takes them
    /// out of the index. One transaction per key, all sent at once, because on a Cluster the families are in different
    /// slots; the index entries go last, so a failure half-way never leaves a live family outside the index. Returns how
    /// many were newly revoked.
    /// </summary>
    private Task<int> RevokeAsync(int userId, SortedSetEntry[] families, string reason) =>
        redis.CallOrUnavailableAsync(
            async db =>
            {
                var marked = new List<Task<bool>>(families.Length);
                var executed = new List<Task<bool>>(families.Length);
                foreach (var family in families)
                {
                    var transaction = db.CreateTransaction();
                    var familyKey = FamilyKeyOf(family.Element.ToString());
                    marked.Add(transaction.HashSetAsync(familyKey, RevokedField, reason, When.NotExists));
                    _ = transaction.KeyExpireAsync(familyKey, DateTimeOffset.FromUnixTimeMilliseconds((long)family.Score).UtcDateTime);
                    executed.Add(transaction.ExecuteAsync());
                }

                await Task.WhenAll(executed).ConfigureAwait(false);
                await UserIndex.RefreshFamilies.RemoveAsync(db, userId, families.Select(f => f.Element.ToString())).ConfigureAwait(false);
                var revoked = 0;
                foreach (var mark in marked)
                {
                    revoked += await mark.ConfigureAwait(false) ? 1 : 0;
                }

                return revoked;
            },
            Unavailable);

    private RefreshFamily? Parse(string familyId, Dictionary<string, RedisValue> values)
    {
        if (!values.TryGetValue(UserIdField, out var userId) || !userId.TryParse(out int id)
            || !values.TryGetValue(UsernameField, out var username) || username.IsNullOrEmpty
            || !values.TryGetValue(CreatedAtField, out var created) || !created.TryParse(out long createdMs)
            || !values.TryGetValue(ExpiresAtField, out var expires) || !expires.TryParse(out long expiresMs)
            || !values.TryGetValue(MacField, out var mac))
        {
            return null;
        }

        var family = new RefreshFamily(familyId, id, username.ToString(), DateTimeOffset.FromUnixTimeMilliseconds(createdMs), DateTimeOffset.FromUnixTimeMilliseconds(expiresMs));
        return family.HasMac(mac.ToString(), _macKey) ? family : null;
    }

    private static bool SameHash(string stored, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(presented));

    // Whole milliseconds: what the MAC covers must survive the round trip through Redis.
    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refresh token reuse for user {UserId}: family {FamilyId} revoked")]
    private partial void LogReuse(int userId, string familyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A refresh family in Redis fails its MAC (written or edited without the key); refused")]
    private partial void LogForgedFamily();

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} is past {Max} refresh families: revoked the oldest {Count}")]
    private partial void LogEvicted(int userId, int count, int max);
}

/// <summary>A refresh token just issued, and the family it belongs to.</summary>
internal sealed record IssuedRefreshToken(string Token, RefreshFamily Family);

/// <summary>Why a family was revoked, as stored in its <c>revoked</c> field.</summary>
public static class RevocationReasons
{
    public const string ReuseDetected = "reuse detected";
    public const string LoggedOut = "logged out";
    public const string LoggedOutEverywhere = "logged out everywhere";
    public const string TooManyFamilies = "too many logins";
}

/// <summary>Why a refresh was refused.</summary>
internal enum RefreshRefusal
{
    /// <summary>Not a token of ours, or its family is unknown (never issued, expired, or lost).</summary>
    Invalid,

    /// <summary>Its family has passed its absolute lifetime.</summary>
    Expired,

    /// <summary>Its family was revoked (logout, logout-all, an earlier reuse, the per-user cap).</summary>
    Revoked,

    /// <summary>A retired token of a live family: the family is revoked now.</summary>
    Reused,
}

/// <summary>A rotation, or why there was none.</summary>
internal readonly record struct RefreshOutcome(IssuedRefreshToken? Issued, long Generation, RefreshRefusal Refusal)
{
    public static RefreshOutcome Rotated(IssuedRefreshToken issued, long generation) => new(issued, generation, default);

    public static RefreshOutcome Refused(RefreshRefusal refusal) => new(null, 0, refusal);
}
