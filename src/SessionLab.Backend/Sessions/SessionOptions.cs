namespace SessionLab.Backend.Sessions;

/// <summary>Cookie-session settings (sticky and redis schemes). Section <c>Session</c>.</summary>
public sealed class SessionOptions
{
    public const string SectionName = "Session";

    /// <summary>The cookie's name; the plan's is <c>session_id</c>.</summary>
    public const string CookieName = "session_id";

    /// <summary>Idle time after which a session expires; every read renews it. Default 30 minutes.</summary>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The base64 server secret (at least 32 random bytes) that signs session ids and Redis session records; every redis
    /// backend must have the same one. Set it in the environment (<c>SESSIONLAB_Session__Key</c>), never on a command line.
    /// When neither this nor <see cref="KeyFile"/> is set: a sticky backend takes a random key of its own; a redis backend
    /// a generated development key from <see cref="DevKeyFile"/>, which real mode (a users file) refuses.
    /// </summary>
    public string? Key { get; set; }

    /// <summary>A file holding the base64 session key; refused when other users can read it or it belongs to someone else.</summary>
    public string? KeyFile { get; set; }

    /// <summary>Where the generated development session key lives. Default <c>~/.local/share/sessionlab/dev-session-key</c>.</summary>
    public string? DevKeyFile { get; set; }

    /// <summary>
    /// However active, a session ends this long after its login (OWASP's absolute timeout); signed into the Redis record,
    /// so a restored or PERSISTed record dies then too, and the Redis TTL is never renewed past it. Default 12 hours.
    /// </summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Mark the cookie <c>Secure</c> (HTTPS only). Off by default because the lab speaks plain HTTP on loopback.</summary>
    public bool SecureCookie { get; set; }

    /// <summary>How often the in-memory store sweeps out expired sessions. Default: a tenth of the TTL, between 1 s and 60 s.</summary>
    public TimeSpan? SweepInterval { get; set; }

    /// <summary>
    /// Most sessions one sticky backend keeps in memory; past it (after sweeping expired ones) a login gets 503
    /// <c>session store full</c>. Default 1,000,000 (about 250 MB).
    /// </summary>
    public int MaxSessions { get; set; } = 1_000_000;

    /// <summary>
    /// Most live sessions one user may hold; a login past it ends the user's oldest session. It bounds the per-user
    /// index (<c>user_sessions:{user_id}</c> in Redis) and what one account can make a store keep. Default 100.
    /// </summary>
    public int MaxSessionsPerUser { get; set; } = 100;

    /// <summary>At most this many ids are listed by <c>/debug/sessions</c> (the count is always exact). Default 1,000.</summary>
    public int MaxListedIds { get; set; } = 1000;
}
