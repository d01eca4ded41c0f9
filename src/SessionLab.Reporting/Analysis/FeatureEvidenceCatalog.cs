using SessionLab.Reporting.Localization;

namespace SessionLab.Reporting.Analysis;

/// <summary>
/// The feature table's sources, as data: which verdict fills which cell. Kept in one list so the derivation is
/// reviewable (and the report prints it).
/// </summary>
internal static class FeatureEvidenceCatalog
{
    // A cell's words in both languages; the Chinese follow the plan's 功能对比 table where it has them (⚠️ 困难, Session丢失, ✅ Redis).
    private static readonly Localized Yes = new("yes", "是");
    private static readonly Localized No = new("no", "否");
    private static readonly Localized None = new("none", "无");
    private static readonly Localized PerClientAddress = new("yes, per client address", "是，按客户端地址");
    private static readonly Localized ItsUsersSessionsLost = new("its users' sessions are lost", "Session丢失（该服务器的用户）");
    private static readonly Localized SessionsLost = new("sessions lost", "Session丢失");
    private static readonly Localized TokensRefused = new("tokens refused", "Token 被拒绝");
    private static readonly Localized NoneBackendMemory = new("none (backend memory)", "无（服务器内存）");
    private static readonly Localized RedisRequestsFail = new("Redis: requests fail while it is down", "✅ Redis：Redis 宕机时请求失败");
    private static readonly Localized WorksUntilExpiry = new("no: a token works until it expires", "⚠️ 需黑名单：Token 在过期前一直有效");
    private static readonly Localized YesRedisBlacklist = new("yes (Redis blacklist)", "是（Redis 黑名单）");
    private static readonly Localized RedisOnEveryRequest = new("Redis on every request: refused while it is down (fail closed)", "✅ Redis：每个请求都访问，宕机时拒绝（fail closed）");
    private static readonly Localized RedisBlacklist = new("Redis (the blacklist)", "✅ Redis（黑名单）");

    public static IReadOnlyList<FeatureEvidence> All { get; } =
    [
        // 1.2 H2: the other sticky backends answer 401 to the cookie, so a sticky session is not shared.
        new(Feature.CrossServerSharing, Schemes.Sticky, "1.2", "H2", HoldsIfConfirmed: false, Yes, No),
        new(Feature.CrossServerSharing, Schemes.Redis, "2.1", "H1", HoldsIfConfirmed: true, Yes, No),
        new(Feature.CrossServerSharing, Schemes.Jwt, "3.1", "H3", HoldsIfConfirmed: true, Yes, No),
        new(Feature.CrossServerSharing, Schemes.JwtRevocation, "3.1", "H3", HoldsIfConfirmed: true, Yes, No),

        new(Feature.SurvivesBackendCrash, Schemes.Sticky, "1.3", "H1", HoldsIfConfirmed: false, Yes, No),
        // 6.1 H1: every redis (and JWT) session still answers 200 after its backend was killed under load: head-on.
        // Without 6.1: no redis backend is crashed by the plan; the session lives in Redis and every backend serves it (2.1 H1).
        new(Feature.SurvivesBackendCrash, Schemes.Redis, "6.1", "H1", HoldsIfConfirmed: true, Yes, No),
        new(Feature.SurvivesBackendCrash, Schemes.Redis, "2.1", "H1", HoldsIfConfirmed: true, Yes, No, Inferred: true),
        new(Feature.SurvivesBackendCrash, Schemes.Jwt, "3.1", "H2", HoldsIfConfirmed: true, Yes, No),
        new(Feature.SurvivesBackendCrash, Schemes.JwtRevocation, "3.1", "H2", HoldsIfConfirmed: true, Yes, No),

        // 5.2 H3: after /logout the old cookie replayed gets 401 on sticky and redis: head-on. Without 5.2: a session the
        // server no longer holds is refused at once (1.3 H1, 2.2 H3), which is what /logout does; the plan tests logout only for JWT (3.3).
        new(Feature.ActiveLogout, Schemes.Sticky, "5.2", "H3", HoldsIfConfirmed: true, Yes, No),
        new(Feature.ActiveLogout, Schemes.Sticky, "1.3", "H1", HoldsIfConfirmed: true, Yes, No, Inferred: true),
        new(Feature.ActiveLogout, Schemes.Redis, "5.2", "H3", HoldsIfConfirmed: true, Yes, No),
        new(Feature.ActiveLogout, Schemes.Redis, "2.2", "H3", HoldsIfConfirmed: true, Yes, No, Inferred: true),
        // Stateless JWT keeps nothing on the server (3.1 H1), so there is nothing to end: a logged-out token works until
        // it expires. The revocation variant is the one 3.3 tests: its blacklist refuses the token at once.
        new(Feature.ActiveLogout, Schemes.Jwt, "3.1", "H1", HoldsIfConfirmed: false, Yes, WorksUntilExpiry, Inferred: true),
        new(Feature.ActiveLogout, Schemes.JwtRevocation, "3.3", "H2", HoldsIfConfirmed: true, YesRedisBlacklist, No),
        new(Feature.ActiveLogout, Schemes.JwtRevocation, "5.2", "H4", HoldsIfConfirmed: true, YesRedisBlacklist, No, Inferred: true),

        new(Feature.HorizontalScaling, Schemes.Sticky, "1.1", "H2", HoldsIfConfirmed: true, PerClientAddress, No),
        new(Feature.HorizontalScaling, Schemes.Redis, "2.1", "H2", HoldsIfConfirmed: true, Yes, No),
        new(Feature.HorizontalScaling, Schemes.Jwt, "3.1", "H3", HoldsIfConfirmed: true, Yes, No),
        new(Feature.HorizontalScaling, Schemes.JwtRevocation, "3.1", "H3", HoldsIfConfirmed: true, Yes, No),

        new(Feature.RestartImpact, Schemes.Sticky, "1.3", "H1", HoldsIfConfirmed: true, ItsUsersSessionsLost, None),
        new(Feature.RestartImpact, Schemes.Redis, "6.1", "H1", HoldsIfConfirmed: false, SessionsLost, None),
        new(Feature.RestartImpact, Schemes.Redis, "2.1", "H1", HoldsIfConfirmed: false, SessionsLost, None, Inferred: true),
        new(Feature.RestartImpact, Schemes.Jwt, "3.1", "H2", HoldsIfConfirmed: false, TokensRefused, None),
        new(Feature.RestartImpact, Schemes.JwtRevocation, "3.1", "H2", HoldsIfConfirmed: false, TokensRefused, None),

        // 1.2 H3: the session is listed only by its backend's own memory, so no store is involved.
        new(Feature.ExternalDependency, Schemes.Sticky, "1.2", "H3", HoldsIfConfirmed: false, Yes, NoneBackendMemory),
        new(Feature.ExternalDependency, Schemes.Redis, "2.3", "H1", HoldsIfConfirmed: true, RedisRequestsFail, None),
        new(Feature.ExternalDependency, Schemes.Jwt, "3.1", "H1", HoldsIfConfirmed: false, Yes, None),
        // 6.5 H1: with the store down, the revocation variant either refuses every request (fail closed) or, fail open,
        // accepts revoked tokens (6.5 H3): Redis is on every request's path. Without 6.5: 3.3 H1 shows the blacklist lives in Redis.
        new(Feature.ExternalDependency, Schemes.JwtRevocation, "6.5", "H1", HoldsIfConfirmed: true, RedisOnEveryRequest, None),
        new(Feature.ExternalDependency, Schemes.JwtRevocation, "3.3", "H1", HoldsIfConfirmed: true, RedisBlacklist, None, Inferred: true),
    ];
}
