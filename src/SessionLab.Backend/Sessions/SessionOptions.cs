namespace SessionLab.Backend.Sessions;

/// <summary>Cookie-session settings (sticky and redis schemes). Section <c>Session</c>.</summary>
public sealed class SessionOptions
{
    public const string SectionName = "Session";

    /// <summary>The cookie's name; the plan's is <c>session_id</c>.</summary>
    public const string CookieName = "session_id";

    /// <summary>Idle time after which a session expires; every read renews it. Default 30 minutes.</summary>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Mark the cookie <c>Secure</c> (HTTPS only). Off by default because the lab speaks plain HTTP on loopback.</summary>
    public bool SecureCookie { get; set; }

    /// <summary>How often the in-memory store sweeps out expired sessions. Default: a tenth of the TTL, between 1 s and 60 s.</summary>
    public TimeSpan? SweepInterval { get; set; }

    /// <summary>At most this many ids are listed by <c>/debug/sessions</c> (the count is always exact). Default 1,000.</summary>
    public int MaxListedIds { get; set; } = 1000;
}
