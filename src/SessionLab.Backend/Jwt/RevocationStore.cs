using SessionLab.Backend.Common;
using SessionLab.Backend.Redis;
using StackExchange.Redis;

namespace SessionLab.Backend.Jwt;

/// <summary>
/// The JWT blacklist in Redis. Keyed on <c>blacklist:{jti}</c>, not on the raw token as the plan wrote:
/// one token has several base64url spellings that all verify, so a raw-string key could be bypassed.
/// </summary>
internal sealed class RevocationStore(RedisConnection redis)
{
    public const string KeyPrefix = "blacklist:";

    public static RedisKey KeyOf(string tokenId) => KeyPrefix + tokenId;

    /// <summary>Revokes a token for <paramref name="ttl"/> (its remaining lifetime plus skew); afterwards it would be rejected as expired anyway.</summary>
    public Task<bool> RevokeAsync(string tokenId, TimeSpan ttl) =>
        redis.CallAsync(db => db.StringSetAsync(KeyOf(tokenId), "1", ttl), ErrorMessages.RevocationStoreUnavailable);

    public Task<bool> IsRevokedAsync(string tokenId) =>
        redis.CallAsync(db => db.KeyExistsAsync(KeyOf(tokenId)), ErrorMessages.RevocationStoreUnavailable);
}
