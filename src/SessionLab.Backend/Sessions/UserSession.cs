namespace SessionLab.Backend.Sessions;

/// <summary>One live session of a user, as <c>GET /sessions</c> describes it.</summary>
/// <param name="SessionId">The full id; the API shows only a prefix of it.</param>
/// <param name="CreatedAt">When the user logged in.</param>
/// <param name="LastSeenAt">The last request that renewed the idle expiry.</param>
/// <param name="ExpiresAt">When the session ends unless used again: the idle expiry, or the absolute limit if sooner.</param>
/// <param name="AbsoluteExpiresAt">When the session ends however busy it is (<see cref="SessionOptions.AbsoluteLifetime"/>).</param>
internal sealed record UserSession(string SessionId, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt, DateTimeOffset AbsoluteExpiresAt);
