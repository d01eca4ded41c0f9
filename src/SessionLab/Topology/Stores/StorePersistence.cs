namespace SessionLab.Topology.Stores;

/// <summary>How a store keeps data across a restart.</summary>
internal enum StorePersistence
{
    /// <summary>Memory only: a killed store comes back empty (the plan's outage experiments).</summary>
    None,

    /// <summary>
    /// An append-only file written through to disk every second (redis: <c>appendonly yes</c>, <c>appendfsync everysec</c>;
    /// Garnet: <c>--aof --aof-commit-freq 1000</c>), replayed when the store starts again. Expiries are kept as absolute
    /// times by both, so a key comes back with the TTL it had left, minus the downtime.
    /// On kill -9 (measured) redis-server keeps what it acknowledged, since each write normally reaches the kernel
    /// before the reply ("everysec" bounds an OS crash, or a write postponed behind a slow fsync); Garnet loses the
    /// writes of its last commit interval (up to about a second), which it still holds in its own memory.
    /// </summary>
    AppendOnly,
}
