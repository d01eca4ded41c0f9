namespace SessionLab.Topology.Stores.Cluster;

/// <summary>
/// How the lab's Redis Cluster detects a failed primary. The lab's <see cref="NodeTimeout"/> is short so a failover fits
/// in an experiment; Redis's own default (<see cref="RedisDefaultNodeTimeout"/>) is what a deployment gets unless it
/// sets it, and the report states both.
/// </summary>
internal sealed record ClusterSettings
{
    /// <summary>Redis's default <c>cluster-node-timeout</c>: 15 s.</summary>
    public static readonly TimeSpan RedisDefaultNodeTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Primaries (shards) the lab runs: three, the smallest cluster <c>redis-cli --cluster create</c> accepts.</summary>
    public const int Primaries = 3;

    /// <summary>Replicas per primary: one, so each shard survives losing one node.</summary>
    public const int ReplicasPerPrimary = 1;

    /// <summary>Every node: primaries and replicas.</summary>
    public const int Nodes = Primaries * (1 + ReplicasPerPrimary);

    /// <summary>Redis Cluster's hash slots, all of which must be served for <c>cluster_state:ok</c>.</summary>
    public const int Slots = 16384;

    /// <summary>
    /// <c>cluster-node-timeout</c>: how long a primary must fail to answer before the others flag it failed and its replica
    /// starts an election. Default 2 s.
    /// </summary>
    public TimeSpan NodeTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long <c>redis-cli --cluster create</c> may take before the lab gives up. Default 30 s.</summary>
    public TimeSpan CreateTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
