using System.Globalization;
using StackExchange.Redis;

namespace SessionLab.Backend.Redis;

/// <summary>
/// The per-user index <c>user_sessions:{user_id}</c>: a sorted set of the user's session ids, each scored by the unix
/// time (ms) its session ends at the latest, its absolute limit. The score must never be earlier than the session's
/// real end, or pruning by score would drop a live session from the index and "log out everywhere" would miss it; the
/// absolute limit qualifies because the session's TTL is never renewed past it, whereas the sliding idle expiry moves
/// on every request and could only be tracked with a write per request. Members whose session ended idle stay until a
/// read finds their key gone and removes them: every read prunes, and none serves an id whose key is gone. No keyspace
/// notifications are needed (Spring Session's index relies on them and keeps stale entries when one is missed). The
/// index expires with its last member, and <see cref="Sessions.SessionOptions.MaxSessionsPerUser"/> bounds its size.
/// </summary>
internal static class UserSessionIndex
{
    public const string KeyPrefix = "user_sessions:";

    public static RedisKey KeyOf(int userId) => KeyPrefix + userId.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Queues in <paramref name="transaction"/> (the one that writes the session): the id scored by its absolute limit,
    /// the index's own expiry moved out to the latest limit (NX for a new index, GT afterwards), the pruning of members
    /// past theirs, and the member count, which the returned task yields.
    /// </summary>
    public static Task<long> QueueAdd(ITransaction transaction, int userId, string sessionId, DateTimeOffset absoluteLimit, DateTimeOffset now)
    {
        var key = KeyOf(userId);
        _ = transaction.SortedSetAddAsync(key, sessionId, absoluteLimit.ToUnixTimeMilliseconds());
        _ = transaction.KeyExpireAsync(key, absoluteLimit.UtcDateTime, ExpireWhen.HasNoExpiry);
        _ = transaction.KeyExpireAsync(key, absoluteLimit.UtcDateTime, ExpireWhen.GreaterThanCurrentExpiry);
        _ = transaction.SortedSetRemoveRangeByScoreAsync(key, double.NegativeInfinity, now.ToUnixTimeMilliseconds());
        return transaction.SortedSetLengthAsync(key);
    }

    /// <summary>In one MULTI/EXEC: prunes the members past their absolute limit and returns the rest, oldest first.</summary>
    public static async Task<string[]> PruneAndReadAsync(IDatabase db, int userId, DateTimeOffset now)
    {
        var key = KeyOf(userId);
        var transaction = db.CreateTransaction();
        _ = transaction.SortedSetRemoveRangeByScoreAsync(key, double.NegativeInfinity, now.ToUnixTimeMilliseconds());
        var members = transaction.SortedSetRangeByRankAsync(key, 0, -1);
        await transaction.ExecuteAsync().ConfigureAwait(false);
        return [.. (await members.ConfigureAwait(false)).Select(m => m.ToString())];
    }

    public static Task<long> RemoveAsync(IDatabaseAsync db, int userId, IEnumerable<string> sessionIds) =>
        db.SortedSetRemoveAsync(KeyOf(userId), [.. sessionIds.Select(id => (RedisValue)id)]);
}
