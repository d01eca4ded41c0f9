using System.Globalization;
using StackExchange.Redis;

namespace SessionLab.Backend.Redis;

/// <summary>
/// A per-user index in Redis: a sorted set of what a user holds (session ids in <c>user_sessions:{user_id}</c>,
/// refresh-token families in <c>user_refresh_families:{user_id}</c>), each member scored by the unix time (ms) it ends
/// at the latest, its absolute limit. The score must never be earlier than the member's real end, or pruning by score
/// would drop a live session from the index and "log out everywhere" would miss it; the absolute limit qualifies
/// because a session's TTL is never renewed past it (and a family's never moves), whereas a sliding idle expiry moves on
/// every request and could only be tracked with a write per request. Members that ended earlier (idle, logged out on a
/// path that could not reach the index) stay until a read finds them gone: every read prunes, and none serves a member
/// it has not checked. No keyspace notifications are needed (Spring Session's index relies on them and keeps stale
/// entries when one is missed). The index expires with its last member, and a cap per user bounds its size.
/// </summary>
internal sealed class UserIndex(string keyPrefix)
{
    /// <summary><c>user_sessions:{user_id}</c>: the redis scheme's sessions.</summary>
    public static readonly UserIndex Sessions = new("user_sessions:");

    /// <summary><c>user_refresh_families:{user_id}</c>: the JWT scheme's refresh-token families.</summary>
    public static readonly UserIndex RefreshFamilies = new("user_refresh_families:");

    public string KeyPrefix { get; } = keyPrefix;

    public RedisKey KeyOf(int userId) => KeyPrefix + userId.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Queues in <paramref name="transaction"/> (the one that writes the member's own key): the member scored by its
    /// absolute limit, the index's own expiry moved out to the latest limit (NX for a new index, GT afterwards), the
    /// pruning of members past theirs, and the member count, which the returned task yields.
    /// </summary>
    public Task<long> QueueAdd(ITransaction transaction, int userId, string member, DateTimeOffset absoluteLimit, DateTimeOffset now)
    {
        var key = KeyOf(userId);
        _ = transaction.SortedSetAddAsync(key, member, absoluteLimit.ToUnixTimeMilliseconds());
        _ = transaction.KeyExpireAsync(key, absoluteLimit.UtcDateTime, ExpireWhen.HasNoExpiry);
        _ = transaction.KeyExpireAsync(key, absoluteLimit.UtcDateTime, ExpireWhen.GreaterThanCurrentExpiry);
        _ = transaction.SortedSetRemoveRangeByScoreAsync(key, double.NegativeInfinity, now.ToUnixTimeMilliseconds());
        return transaction.SortedSetLengthAsync(key);
    }

    /// <summary>In one MULTI/EXEC: prunes the members past their absolute limit and returns the rest with it, oldest first.</summary>
    public async Task<SortedSetEntry[]> PruneAndReadAsync(IDatabase db, int userId, DateTimeOffset now)
    {
        var key = KeyOf(userId);
        var transaction = db.CreateTransaction();
        _ = transaction.SortedSetRemoveRangeByScoreAsync(key, double.NegativeInfinity, now.ToUnixTimeMilliseconds());
        var members = transaction.SortedSetRangeByRankWithScoresAsync(key, 0, -1);
        await transaction.ExecuteAsync().ConfigureAwait(false);
        return await members.ConfigureAwait(false);
    }

    public Task<long> RemoveAsync(IDatabaseAsync db, int userId, IEnumerable<string> members) =>
        db.SortedSetRemoveAsync(KeyOf(userId), [.. members.Select(m => (RedisValue)m)]);
}
