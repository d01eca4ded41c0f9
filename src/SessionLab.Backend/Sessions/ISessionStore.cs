using SessionLab.Backend.Identity;

namespace SessionLab.Backend.Sessions;

/// <summary>Where the cookie schemes keep sessions. Reads slide the idle expiry.</summary>
internal interface ISessionStore
{
    /// <summary>Creates a session with a fresh id for <paramref name="user"/>.</summary>
    Task<SessionRecord> CreateAsync(AuthenticatedUser user, CancellationToken cancellationToken);

    /// <summary>The live session with this id, its idle expiry renewed; null when unknown or expired.</summary>
    Task<SessionRecord?> GetAndTouchAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Ends the session; false when there was none.</summary>
    Task<bool> DeleteAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>How many sessions this store holds, and up to <paramref name="maxIds"/> of their ids.</summary>
    Task<SessionListing> ListAsync(int maxIds, CancellationToken cancellationToken);
}

/// <summary>A count and a sample of ids, for <c>/debug/sessions</c>.</summary>
internal sealed record SessionListing(long Count, IReadOnlyList<string> Ids);
