using SessionLab.Experiments.Framework.FaultsUnderLoad;

namespace SessionLab.Experiments.Reliability;

/// <summary>
/// What 6.9 measured: one kill -9 of a shard's primary under load on a three-shard Redis Cluster. Times are seconds
/// from the kill.
/// </summary>
/// <param name="Settings">The cluster's settings as the report states them (node timeout, Redis's default).</param>
/// <param name="NodeTimeoutSeconds">The nodes' <c>cluster-node-timeout</c>.</param>
/// <param name="Killed">The node killed (<c>node-1</c>) and its role.</param>
/// <param name="PromotedAfterSeconds">When the lab first saw another node serve the killed shard's slots; null if never.</param>
/// <param name="Promotion">What the lab saw (<c>node-4 promoted, slots 0-5460 …</c>).</param>
/// <param name="Shards">Each shard's readers and writes, in slot order.</param>
/// <param name="Listing">What <c>/debug/sessions</c> listed after the cluster was healthy again.</param>
/// <param name="BackendRestarted">Whether the backend's process changed during the experiment (it must not).</param>
internal sealed record ClusterShardFailureFacts(
    string Settings,
    double NodeTimeoutSeconds,
    string Killed,
    double? PromotedAfterSeconds,
    string? Promotion,
    IReadOnlyList<ShardOutage> Shards,
    SessionListingCheck Listing,
    bool BackendRestarted)
{
    /// <summary>The shard whose primary was killed.</summary>
    public ShardOutage? Victim => Shards.FirstOrDefault(s => s.Killed);

    /// <summary>The shards whose primary was not touched.</summary>
    public IEnumerable<ShardOutage> Others => Shards.Where(s => !s.Killed);

    /// <summary>Readers in all: every user holds one session.</summary>
    public int Users => Shards.Sum(s => s.Users);
}

/// <summary>
/// One shard through the kill: named by its primary at the start (<c>node-1</c>) and its slots. <see cref="Reads"/>
/// are its readers' <c>/profile</c> requests (each reader's session lives on this shard); <see cref="Sessions"/> the
/// logins acknowledged during the load whose session key landed here, read back afterwards.
/// </summary>
internal sealed record ShardOutage(
    string Shard,
    string Slots,
    bool Killed,
    int Users,
    int UsersWithFailures,
    long Requests,
    SchemeOutage Reads,
    WriteCheck Sessions);

/// <summary>
/// <c>/debug/sessions</c> against what the lab knows: <see cref="Known"/> sessions the lab holds and checked alive
/// (its readers' and the acknowledged logins still served), how many of them the listing missed, per shard.
/// </summary>
/// <param name="Count">The listing's <c>session_count</c>; null when it did not answer 200.</param>
/// <param name="Answer">The listing's status, or the reason it gave nothing (for the evidence).</param>
/// <param name="Shards">Per shard, in slot order.</param>
internal sealed record SessionListingCheck(long? Count, string Answer, IReadOnlyList<ShardListing> Shards)
{
    public int Known => Shards.Sum(s => s.Known);

    public int KnownNotListed => Shards.Sum(s => s.KnownNotListed);
}

/// <summary>One shard's part of the listing: sessions the lab knows alive there, how many the listing names, how many of those it missed.</summary>
internal sealed record ShardListing(string Shard, int Known, int Listed, int KnownNotListed);
