using System.Globalization;
using SessionLab.Backend.Common;
using SessionLab.Backend.Redis;
using StackExchange.Redis;

namespace SessionLab.Backend.Jwt;

/// <summary>
/// What revokes an access token before it expires, in Redis: <c>blacklist:{jti}</c> (one token, <c>/logout</c>; keyed
/// on <c>jti</c>, not on the raw token as the plan wrote: one token has several base64url spellings that all verify, so a
/// raw-string key could be bypassed), <c>user_not_before:{user_id}</c> (every token of the user issued before that unix
/// second, <c>/logout-all</c>), and a revoked refresh family (every token issued under it, <c>sid</c>).
/// </summary>
internal sealed class RevocationStore(RedisConnection redis)
{
    public const string KeyPrefix = "blacklist:";

    public const string NotBeforeKeyPrefix = "user_not_before:";

    public static RedisKey KeyOf(string tokenId) => KeyPrefix + tokenId;

    public static RedisKey NotBeforeKeyOf(int userId) => NotBeforeKeyPrefix + userId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Revokes a token for <paramref name="ttl"/> (its remaining lifetime plus skew); afterwards it would be rejected as expired anyway.</summary>
    public async Task<bool> RevokeAsync(string tokenId, TimeSpan ttl)
    {
        var written = await redis.CallAsync(db => db.StringSetAsync(KeyOf(tokenId), "1", ttl), ErrorMessages.RevocationStoreUnavailable).ConfigureAwait(false);
        await redis.WaitForReplicasAsync(ErrorMessages.RevocationStoreUnavailable).ConfigureAwait(false);
        return written;
    }

    /// <summary>
    /// Revokes every token of the user with an <c>iat</c> before <paramref name="notBefore"/> (unix seconds), for
    /// <paramref name="ttl"/>: the longest a token issued before it could still be accepted.
    /// </summary>
    public async Task<bool> RevokeIssuedBeforeAsync(int userId, long notBefore, TimeSpan ttl)
    {
        var written = await redis.CallAsync(db => db.StringSetAsync(NotBeforeKeyOf(userId), notBefore, ttl), ErrorMessages.RevocationStoreUnavailable).ConfigureAwait(false);
        await redis.WaitForReplicasAsync(ErrorMessages.RevocationStoreUnavailable).ConfigureAwait(false);
        return written;
    }

    /// <summary>
    /// Whether any of the three revokes the token, read in one pipelined round trip. A key of another type (written by
    /// hand) counts as revoked: when in doubt, refuse.
    /// </summary>
    public Task<bool> IsRevokedAsync(TokenClaims claims) =>
        redis.CallAsync(
            async db =>
            {
                var batch = db.CreateBatch();
                var listed = batch.KeyExistsAsync(KeyOf(claims.TokenId));
                var notBefore = batch.StringGetAsync(NotBeforeKeyOf(claims.UserId));
                var family = claims.FamilyId is { } familyId
                    ? batch.HashExistsAsync(RefreshTokenStore.FamilyKeyOf(familyId), RefreshTokenStore.RevokedField)
                    : Task.FromResult(false);
                batch.Execute();
                return await listed.ConfigureAwait(false)
                    || await RevokesAsync(notBefore, claims.IssuedAt).ConfigureAwait(false)
                    || await OrRevokedAsync(family).ConfigureAwait(false);
            },
            ErrorMessages.RevocationStoreUnavailable);

    private static async Task<bool> RevokesAsync(Task<RedisValue> notBefore, DateTimeOffset issuedAt)
    {
        try
        {
            var value = await notBefore.ConfigureAwait(false);
            return !value.IsNull && (!value.TryParse(out long seconds) || issuedAt.ToUnixTimeSeconds() < seconds);
        }
        catch (RedisServerException)
        {
            return true;
        }
    }

    private static async Task<bool> OrRevokedAsync(Task<bool> check)
    {
        try
        {
            return await check.ConfigureAwait(false);
        }
        catch (RedisServerException)
        {
            return true;
        }
    }
}
