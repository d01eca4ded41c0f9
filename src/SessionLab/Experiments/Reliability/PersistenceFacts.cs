using System.Globalization;

namespace SessionLab.Experiments.Reliability;

/// <summary>
/// What 6.6 measured on one store (with or without an append-only file) across a kill -9 and restart: how many sessions
/// came back, the remaining TTL of sampled session keys before and after, and whether a revocation came back.
/// </summary>
/// <param name="Store">How the store kept its data (<c>no persistence</c>, <c>AOF, fsync every second</c>).</param>
/// <param name="Persistent">Whether this store was started with an append-only file.</param>
/// <param name="Sessions">Sessions logged in before the kill.</param>
/// <param name="Kept">Sessions whose /profile answered 200 after the restart.</param>
/// <param name="Lost">Sessions whose /profile answered 401 after the restart.</param>
/// <param name="Ttls">Sampled session keys: TTL before the kill, TTL after the restart (null: key gone), seconds between the two reads.</param>
/// <param name="RestartMs">From starting the store again to its first PING answer (includes replaying the file).</param>
/// <param name="RevokedAfter">The revoked token's status after the restart (401: blacklist kept; 200: lost); null when not measured.</param>
internal sealed record PersistenceFacts(
    string Store,
    bool Persistent,
    int Sessions,
    int Kept,
    int Lost,
    IReadOnlyList<TtlSample> Ttls,
    double RestartMs,
    int? RevokedAfter)
{
    /// <summary>How far a sampled TTL after the restart may be from "before minus elapsed" and still count as kept.</summary>
    public static readonly TimeSpan TtlTolerance = TimeSpan.FromSeconds(1);

    public int Other => Sessions - Kept - Lost;

    /// <summary>Sampled keys whose TTL after the restart is the one before minus the time that passed (within the tolerance).</summary>
    public int TtlsKept => Ttls.Count(t => t.IsRemainingKept);
}

/// <summary>One session key's TTL before the kill and after the restart.</summary>
internal sealed record TtlSample(string Key, TimeSpan Before, TimeSpan? After, TimeSpan Elapsed)
{
    /// <summary>The expected TTL after the restart: what was left before, minus the time that passed.</summary>
    public TimeSpan Expected => Before - Elapsed;

    public bool IsRemainingKept => After is { } after && (after - Expected).Duration() <= PersistenceFacts.TtlTolerance;

    public string Describe() => After is { } after
        ? string.Create(CultureInfo.InvariantCulture, $"{Before.TotalSeconds:0.0} s → {after.TotalSeconds:0.0} s ({Elapsed.TotalSeconds:0.0} s later; expected {Expected.TotalSeconds:0.0} s)")
        : string.Create(CultureInfo.InvariantCulture, $"{Before.TotalSeconds:0.0} s → gone");
}
