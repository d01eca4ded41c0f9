namespace SessionLab.Topology.Stores.Sentinel;

/// <summary>
/// How the lab's Sentinels watch the primary. The lab's timings are short so a failover fits in an experiment;
/// Redis's own defaults (<see cref="RedisDefaultDownAfter"/>, <see cref="RedisDefaultFailoverTimeout"/>) are what a
/// deployment gets unless it sets them, and the report states both.
/// </summary>
internal sealed record SentinelSettings
{
    /// <summary>Redis's default <c>down-after-milliseconds</c>: 30 s.</summary>
    public static readonly TimeSpan RedisDefaultDownAfter = TimeSpan.FromSeconds(30);

    /// <summary>Redis's default <c>failover-timeout</c>: 3 minutes.</summary>
    public static readonly TimeSpan RedisDefaultFailoverTimeout = TimeSpan.FromMinutes(3);

    /// <summary>The name the Sentinels monitor the primary by (<c>serviceName=</c> of the backends' configuration). Default <c>sessionlab</c>.</summary>
    public string ServiceName { get; init; } = "sessionlab";

    /// <summary><c>down-after-milliseconds</c>: how long the primary must fail to answer before a Sentinel thinks it down. Default 2 s.</summary>
    public TimeSpan DownAfter { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary><c>failover-timeout</c>: bounds a failover, and twice it is the wait before the same primary is failed over again. Default 10 s.</summary>
    public TimeSpan FailoverTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many Sentinels must agree the primary is down (of three; a majority must also elect the leader). Default 2.</summary>
    public int Quorum { get; init; } = 2;

    /// <summary>Replicas (besides the primary) the lab runs. Two: node-2 and node-3.</summary>
    public const int Replicas = 2;

    /// <summary>Sentinels the lab runs: three, the smallest group that survives losing one.</summary>
    public const int Sentinels = 3;
}
