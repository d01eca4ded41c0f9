namespace SessionLab.Topology.Stores;

/// <summary>How a store keeps data across a restart.</summary>
internal enum StorePersistence
{
    /// <summary>Memory only: a killed store comes back empty (the plan's outage experiments).</summary>
    None,

    /// <summary>
    /// An append-only file written through to disk every second (redis: <c>appendonly yes</c>, <c>appendfsync everysec</c>;
    /// Garnet: <c>--aof --aof-commit-freq 1000</c>), replayed when the store starts again.
    /// </summary>
    AppendOnly,
}
