using SessionLab.Backend.Identity;

namespace SessionLab.Backend.Sessions;

/// <summary>Where the cookie schemes keep sessions. Reads slide the idle expiry.</summary>
internal interface ISessionStore
{
    /// <summary>Which sessions <see cref="ListForUserAsync"/> and <see cref="DeleteForUserAsync"/> can see (<see cref="SessionScopes"/>).</summary>
    string Scope { get; }

    /// <summary>Creates a session with a fresh id for <paramref name="user"/>; past the per-user cap the user's oldest session ends.</summary>
    Task<SessionRecord> CreateAsync(AuthenticatedUser user, CancellationToken cancellationToken);

    /// <summary>The live session with this id, its idle expiry renewed; null when unknown or expired.</summary>
    Task<SessionRecord?> GetAndTouchAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Ends the session (and takes it out of its user's index); false when there was none.</summary>
    Task<bool> DeleteAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>The user's live sessions within <see cref="Scope"/>, oldest first; never an expired or ended one.</summary>
    Task<IReadOnlyList<UserSession>> ListForUserAsync(int userId, CancellationToken cancellationToken);

    /// <summary>Ends every session of the user within <see cref="Scope"/>; returns how many were live.</summary>
    Task<int> DeleteForUserAsync(int userId, CancellationToken cancellationToken);

    /// <summary>How many sessions this store holds, and up to <paramref name="maxIds"/> of their ids.</summary>
    Task<SessionListing> ListAsync(int maxIds, CancellationToken cancellationToken);
}

/// <summary>A count and a sample of ids, for <c>/debug/sessions</c>.</summary>
internal sealed record SessionListing(long Count, IReadOnlyList<string> Ids);
