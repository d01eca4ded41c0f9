namespace SessionLab.Backend.Jwt;

/// <summary>JWT scheme settings. Section <c>Jwt</c>.</summary>
public sealed class JwtOptions
{
    public const string SectionName = "Jwt";

    /// <summary>The longest token <c>/login-short?seconds=N</c> hands out (a lab instrument).</summary>
    public const int MaxShortTokenSeconds = 3600;

    /// <summary>
    /// The HS256 key, base64 (at least 32 random bytes), shared by every JWT backend. Set it in the environment
    /// (<c>SESSIONLAB_Jwt__Key</c>), never on a command line, where <c>ps</c> shows it. When neither this nor
    /// <see cref="KeyFile"/> is set, a generated DEVELOPMENT key is read from (or created in) <see cref="DevKeyFile"/>
    /// so backends on one machine agree; with a users file (real mode) that is refused.
    /// </summary>
    public string? Key { get; set; }

    /// <summary>A file holding the base64 key; refused when other users can read it or it belongs to someone else.</summary>
    public string? KeyFile { get; set; }

    /// <summary>Where the generated development key lives. Default <c>~/.local/share/sessionlab/dev-jwt-key</c>.</summary>
    public string? DevKeyFile { get; set; }

    /// <summary>The <c>iss</c> claim written and required. Default <c>session-demo</c>.</summary>
    public string Issuer { get; set; } = "session-demo";

    /// <summary>Lifetime of a token from <c>/login</c>. Default 2 hours.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Default lifetime of a token from <c>/login-short</c>. Default 5 seconds.</summary>
    public TimeSpan ShortLifetime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Tolerance for clock differences when checking <c>exp</c>/<c>nbf</c>. Set deliberately: .NET's default of
    /// 5 minutes would keep a 5-second token alive for 5 minutes. Default 1 second.
    /// </summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether <c>/profile</c> consults the blacklist. Off (the default) keeps it purely stateless.</summary>
    public RevocationMode Revocation { get; set; } = RevocationMode.Off;

    /// <summary>What a blacklist check does when Redis is down. Default <see cref="RevocationStoreDownPolicy.FailClosed"/> (503).</summary>
    public RevocationStoreDownPolicy WhenStoreDown { get; set; } = RevocationStoreDownPolicy.FailClosed;

    /// <summary>
    /// Whether <c>/login</c> also hands out an opaque rotating refresh token and <c>/refresh</c> exchanges it (the
    /// "short JWT + rotating refresh token" variant; pair it with a short <see cref="Lifetime"/>). It makes the scheme
    /// stateful: every login writes its token family to Redis, and <c>/refresh</c> answers 503 while Redis is down.
    /// Off by default, so the plan's JWT scheme stays stateless.
    /// </summary>
    public bool RefreshTokens { get; set; }

    /// <summary>
    /// How long a refresh-token family lives from its login, however often it is rotated (rotation never extends it).
    /// Default 7 days.
    /// </summary>
    public TimeSpan RefreshLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Most live refresh-token families (logged-in devices) per user; a login past it revokes the oldest. Default 100.</summary>
    public int MaxRefreshFamiliesPerUser { get; set; } = 100;

    /// <summary>Tokens longer than this are rejected unread. Default 8 KiB (ours are about 300 bytes).</summary>
    public int MaxTokenBytes { get; set; } = 8 * 1024;
}

/// <summary>Whether the JWT <c>/profile</c> consults the blacklist.</summary>
public enum RevocationMode
{
    /// <summary>Purely stateless: logout cannot take effect before the token expires.</summary>
    Off,

    /// <summary>Every <c>/profile</c> checks <c>blacklist:{jti}</c> in Redis.</summary>
    On,
}

/// <summary>What to do with a blacklist check while Redis is unreachable.</summary>
public enum RevocationStoreDownPolicy
{
    /// <summary>Refuse with 503: a revoked token is never accepted, at the price of availability.</summary>
    FailClosed,

    /// <summary>Accept the token unchecked (and say so in the reply): availability over revocation.</summary>
    FailOpen,
}
