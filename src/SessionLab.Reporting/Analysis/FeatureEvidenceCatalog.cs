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

    // 6.7's measured cost of a slower store, quoted in its cells: the median's rise with 10 ms added per store round trip.
    private static readonly FeatureFigure MedianRiseAt10Ms = new("median_rise_ms@+10ms", new("median {0} ms with the store 10 ms slower", "存储慢 10 ms 时中位数 {0} ms"), "+0.##;-0.##;0");

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

        // The rows below come from groups 5–6. Sticky keeps no store (1.2 H3), so a store's outage, restart or slowness
        // cannot reach it; stateless JWT reads no store either (3.1 H1, and 6.2 H3 / 6.7 H4 head-on).
        new(Feature.StoreOutage, Schemes.Sticky, "1.2", "H3", HoldsIfConfirmed: true, new("unaffected (no store)", "不受影响（无存储）"), new("affected", "受影响"), Inferred: true),
        new(Feature.StoreOutage, Schemes.Redis, "6.2", "H1", HoldsIfConfirmed: true, new("refused at once (503)", "立即拒绝（503）"), new("slow or unclear failures", "失败缓慢或不明确")),
        new(Feature.StoreOutage, Schemes.Redis, "2.3", "H1", HoldsIfConfirmed: true, new("refused at once, with a clear error", "立即拒绝，错误明确"), new("slow or unclear failures", "失败缓慢或不明确"), Inferred: true),
        new(Feature.StoreOutage, Schemes.Jwt, "6.2", "H3", HoldsIfConfirmed: true, new("unaffected", "不受影响"), new("errors during the outage", "宕机期间出错")),
        // 6.5 H1 is the fail-closed policy the lab's backends default to; fail open is the 6.5 H3 trade (revoked tokens accepted).
        new(Feature.StoreOutage, Schemes.JwtRevocation, "6.5", "H1", HoldsIfConfirmed: true, new("refused at once (503, fail closed)", "立即拒绝（503，fail closed）"), new("slow failures, or revoked tokens accepted", "失败缓慢，或接受已撤销的 Token")),

        new(Feature.SurvivesStoreRestart, Schemes.Sticky, "1.2", "H3", HoldsIfConfirmed: true, new("yes (no store)", "是（无存储）"), No, Inferred: true),
        new(Feature.SurvivesStoreRestart, Schemes.Redis, "6.6", "H1", HoldsIfConfirmed: true, new("with AOF only", "仅在开启 AOF 时"), new("no, even with AOF", "否，即使开启 AOF")),
        new(Feature.SurvivesStoreRestart, Schemes.Redis, "2.3", "H2", HoldsIfConfirmed: false, Yes, new("no (without persistence)", "否（未开启持久化）"), Inferred: true),
        new(Feature.SurvivesStoreRestart, Schemes.Jwt, "3.1", "H1", HoldsIfConfirmed: true, new("yes (nothing stored)", "是（不存储任何内容）"), No, Inferred: true),
        new(Feature.SurvivesStoreRestart, Schemes.JwtRevocation, "3.1", "H1", HoldsIfConfirmed: true, new("yes (the token carries the session)", "是（Token 自身携带会话）"), No, Inferred: true),

        // One store node killed -9 under load: 6.9 H2 kills a Redis Cluster shard's primary (only that shard's sessions,
        // about a third, wait for its replica's promotion); 6.8 H1 kills the Sentinel group's primary (every session waits
        // for the failover). Without either: a single Redis is one node, and 6.2 H1 / 6.5 H1 show every request refused
        // while it is down. The cell links the experiment whose evidence gives the measured seconds and losses.
        new(Feature.SurvivesStoreNodeFailure, Schemes.Sticky, "1.2", "H3", HoldsIfConfirmed: true, new("yes (no store)", "是（无存储）"), No, Inferred: true),
        new(Feature.SurvivesStoreNodeFailure, Schemes.Redis, "6.9", "H2", HoldsIfConfirmed: true, new("with Redis Cluster: only the killed shard's sessions (about ⅓) wait for its replica's promotion", "Redis Cluster：仅被杀分片的 Session（约 ⅓）等待其副本提升"), new("no: the killed shard's sessions stayed unavailable past the limit", "否：被杀分片的 Session 超过时限仍不可用")),
        new(Feature.SurvivesStoreNodeFailure, Schemes.Redis, "6.8", "H1", HoldsIfConfirmed: true, new("with Sentinel: every session waits for the failover", "Sentinel：所有 Session 等待故障转移"), new("no: not served again within the failover limit", "否：在故障转移时限内未恢复")),
        new(Feature.SurvivesStoreNodeFailure, Schemes.Redis, "6.2", "H1", HoldsIfConfirmed: false, Yes, new("single Redis: no, every session refused until it returns", "单个 Redis：否，恢复前所有 Session 被拒绝"), Inferred: true),
        new(Feature.SurvivesStoreNodeFailure, Schemes.Jwt, "3.1", "H1", HoldsIfConfirmed: true, new("yes (nothing stored)", "是（不存储任何内容）"), No, Inferred: true),
        new(Feature.SurvivesStoreNodeFailure, Schemes.JwtRevocation, "6.8", "H1", HoldsIfConfirmed: true, new("with Sentinel: revocation checks wait for the failover", "Sentinel：撤销检查等待故障转移"), new("no: not served again within the failover limit", "否：在故障转移时限内未恢复")),
        new(Feature.SurvivesStoreNodeFailure, Schemes.JwtRevocation, "6.5", "H1", HoldsIfConfirmed: false, Yes, new("single Redis: no, every request refused until it returns (fail closed)", "单个 Redis：否，恢复前所有请求被拒绝（fail closed）"), Inferred: true),

        // A logged-out sticky or redis session is deleted, so a restart has nothing to bring back (5.2 H3 shows the
        // replayed cookie refused; without 5.2, a session the server no longer holds is refused at once, 1.3 H1 / 2.2 H3);
        // stateless JWT has no logout to survive. The revocation variant keeps its revocations in Redis: 6.5 H4 restarts
        // the run's own store after an outage and replays the revoked token head-on. Without 6.5, 6.6 H4 shows the
        // revocation kept only with AOF: the cell reads no, since one persistence setting away from losing revocations
        // is not a logout a rule can rely on, and its text says what would make it yes.
        new(Feature.LogoutSurvivesStoreRestart, Schemes.Sticky, "5.2", "H3", HoldsIfConfirmed: true, new("yes (the session is deleted)", "是（Session 已被删除）"), No, Inferred: true),
        new(Feature.LogoutSurvivesStoreRestart, Schemes.Sticky, "1.3", "H1", HoldsIfConfirmed: true, new("yes (the session is deleted)", "是（Session 已被删除）"), No, Inferred: true),
        new(Feature.LogoutSurvivesStoreRestart, Schemes.Redis, "5.2", "H3", HoldsIfConfirmed: true, new("yes (the session is deleted)", "是（Session 已被删除）"), No, Inferred: true),
        new(Feature.LogoutSurvivesStoreRestart, Schemes.Redis, "2.2", "H3", HoldsIfConfirmed: true, new("yes (the session is deleted)", "是（Session 已被删除）"), No, Inferred: true),
        new(Feature.LogoutSurvivesStoreRestart, Schemes.Jwt, "3.1", "H1", HoldsIfConfirmed: false, Yes, new("no logout to survive", "没有可保持的登出"), Inferred: true),
        new(Feature.LogoutSurvivesStoreRestart, Schemes.JwtRevocation, "6.5", "H4", HoldsIfConfirmed: true, new("yes: refused again once Redis was back", "是：Redis 恢复后仍被拒绝"), new("no: once Redis was back the revoked token was accepted again", "否：Redis 恢复后已撤销的 Token 重新被接受")),
        new(Feature.LogoutSurvivesStoreRestart, Schemes.JwtRevocation, "6.6", "H4", HoldsIfConfirmed: false, Yes, new("only with AOF: without persistence revoked tokens work again", "仅在开启 AOF 时：未开启持久化时已撤销的 Token 会重新生效"), OnlyConfirmationDecides: true),

        // While the store is down: a sticky session has no store; a redis backend cannot read any session, so none
        // (logged out or not) is accepted (6.2 H1, 2.3 H1; their refutation says only "not refused at once", not that a
        // deleted session came back); stateless JWT never refuses a logged-out token. The revocation variant's policy is
        // a switch: 6.5 H3 shows fail open accepting a revoked token, so the cell is yes only if neither policy did (6.5 H1
        // alone, fail closed, is no fallback: it says nothing of the policy a team picks for availability).
        new(Feature.RevokedRefusedWhileStoreDown, Schemes.Sticky, "1.2", "H3", HoldsIfConfirmed: true, new("yes (no store)", "是（无存储）"), No, Inferred: true),
        new(Feature.RevokedRefusedWhileStoreDown, Schemes.Redis, "6.2", "H1", HoldsIfConfirmed: true, new("yes: no session is read while it is down", "是：宕机期间不读取任何 Session"), No, Inferred: true, OnlyConfirmationDecides: true),
        new(Feature.RevokedRefusedWhileStoreDown, Schemes.Redis, "2.3", "H1", HoldsIfConfirmed: true, new("yes: no session is read while it is down", "是：宕机期间不读取任何 Session"), No, Inferred: true, OnlyConfirmationDecides: true),
        new(Feature.RevokedRefusedWhileStoreDown, Schemes.Jwt, "3.1", "H1", HoldsIfConfirmed: false, Yes, WorksUntilExpiry, Inferred: true),
        new(Feature.RevokedRefusedWhileStoreDown, Schemes.JwtRevocation, "6.5", "H3", HoldsIfConfirmed: false, new("yes, under both policies", "是，两种策略下都拒绝"), new("only failing closed (every request refused): fail open accepts a revoked token", "仅在 fail closed 时（拒绝所有请求）：fail open 会接受已撤销的 Token")),

        // 6.3 H1 restarts sticky, redis and JWT backends behind the balancer; the revocation variant runs on the same JWT backends.
        new(Feature.GracefulDeploy, Schemes.Sticky, "6.3", "H1", HoldsIfConfirmed: true, new("yes, taken out of rotation first (its users' sessions still end)", "是，先摘除流量（其用户的 Session 仍会结束）"), new("no: 5xx reach users", "否：用户收到 5xx")),
        new(Feature.GracefulDeploy, Schemes.Redis, "6.3", "H1", HoldsIfConfirmed: true, new("yes, taken out of rotation first", "是，先摘除流量"), new("no: 5xx reach users", "否：用户收到 5xx")),
        new(Feature.GracefulDeploy, Schemes.Jwt, "6.3", "H1", HoldsIfConfirmed: true, new("yes, taken out of rotation first", "是，先摘除流量"), new("no: 5xx reach users", "否：用户收到 5xx")),
        new(Feature.GracefulDeploy, Schemes.JwtRevocation, "6.3", "H1", HoldsIfConfirmed: true, new("yes, taken out of rotation first", "是，先摘除流量"), new("no: 5xx reach users", "否：用户收到 5xx"), Inferred: true),

        // 5.5 guesses redis session ids head-on; sticky issues the same signed ids (5.1), so its row is inferred from 5.5.
        new(Feature.GuessResistance, Schemes.Sticky, "5.5", "H1", HoldsIfConfirmed: true, new("yes (signed 128-bit ids, throttled)", "是（签名的 128 位 ID，有限流）"), new("no: a guess was accepted", "否：猜测的 ID 被接受"), Inferred: true),
        new(Feature.GuessResistance, Schemes.Redis, "5.5", "H1", HoldsIfConfirmed: true, new("yes (signed 128-bit ids, throttled)", "是（签名的 128 位 ID，有限流）"), new("no: a guess was accepted", "否：猜测的 ID 被接受")),
        new(Feature.GuessResistance, Schemes.Jwt, "5.3", "H1", HoldsIfConfirmed: true, new("yes (HS256 pinned)", "是（固定 HS256）"), new("no: a forged token was accepted", "否：伪造的 Token 被接受")),
        new(Feature.GuessResistance, Schemes.JwtRevocation, "5.3", "H1", HoldsIfConfirmed: true, new("yes (HS256 pinned)", "是（固定 HS256）"), new("no: a forged token was accepted", "否：伪造的 Token 被接受")),

        // 6.7 H1 predicts one store round trip per request for both stateful schemes: confirmed means they are slowed by
        // it; refuted says only that the rise was not that amount.
        new(Feature.UnaffectedBySlowStore, Schemes.Sticky, "1.2", "H3", HoldsIfConfirmed: true, new("yes (no store)", "是（无存储）"), No, Inferred: true),
        new(Feature.UnaffectedBySlowStore, Schemes.Redis, "6.7", "H1", HoldsIfConfirmed: false, Yes, new("no: + one store round trip per request", "否：每个请求多一次存储往返"), OnlyConfirmationDecides: true, Figure: MedianRiseAt10Ms),
        new(Feature.UnaffectedBySlowStore, Schemes.Jwt, "6.7", "H4", HoldsIfConfirmed: true, Yes, new("no: slowed although it reads no store", "否：虽不读存储仍变慢"), Figure: MedianRiseAt10Ms),
        new(Feature.UnaffectedBySlowStore, Schemes.JwtRevocation, "6.7", "H1", HoldsIfConfirmed: false, Yes, new("no: + one store round trip per request", "否：每个请求多一次存储往返"), OnlyConfirmationDecides: true, Figure: MedianRiseAt10Ms),

        // 2.4 H3 is the sticky limitation: confirmed means /logout-all reached only the backend that got it.
        new(Feature.LogOutEverywhere, Schemes.Sticky, "2.4", "H3", HoldsIfConfirmed: false, Yes, new("no: only the sessions of the backend that got it", "否：只结束收到请求的服务器上的 Session")),
        new(Feature.LogOutEverywhere, Schemes.Redis, "2.4", "H1", HoldsIfConfirmed: true, new("yes (the per-user index)", "是（按用户索引）"), No),
        // 3.4 H5: without revocation checks /profile keeps accepting access tokens after /logout-all (only refresh tokens end).
        new(Feature.LogOutEverywhere, Schemes.Jwt, "3.4", "H5", HoldsIfConfirmed: false, Yes, new("no: with refresh tokens on, they end; access tokens live until they expire", "否：开启 Refresh Token 时它们失效；Access Token 在过期前仍有效")),
        new(Feature.LogOutEverywhere, Schemes.JwtRevocation, "3.4", "H4", HoldsIfConfirmed: true, new("yes (refresh and access tokens)", "是（Refresh 与 Access Token）"), No),

        new(Feature.AbsoluteLifetime, Schemes.Sticky, "2.5", "H3", HoldsIfConfirmed: true, Yes, No),
        new(Feature.AbsoluteLifetime, Schemes.Redis, "2.5", "H1", HoldsIfConfirmed: true, Yes, No),
        // A stateless token's exp is fixed when it is issued: 3.2 H2 shows it is refused past it.
        new(Feature.AbsoluteLifetime, Schemes.Jwt, "3.2", "H2", HoldsIfConfirmed: true, new("yes: a token ends at its exp", "是：Token 在 exp 时失效"), No, Inferred: true),
        // 3.4 H6: a refresh family kept rotating ends at its limit from login. Without 3.4: the access token's exp (3.2 H2).
        new(Feature.AbsoluteLifetime, Schemes.JwtRevocation, "3.4", "H6", HoldsIfConfirmed: true, new("yes: a refresh family ends at its limit", "是：Refresh Token 家族在上限时失效"), No),
        new(Feature.AbsoluteLifetime, Schemes.JwtRevocation, "3.2", "H2", HoldsIfConfirmed: true, new("yes: a token ends at its exp", "是：Token 在 exp 时失效"), No, Inferred: true),

        // 3.4 H2: the replay of a retired refresh token revokes its family (with or without revocation checks); H3: with
        // them its access tokens are refused at once too, without them they live until they expire. Stateless JWT has
        // refresh tokens only when they are turned on (Jwt:RefreshTokens), and then /refresh depends on Redis: its cells say so.
        new(Feature.StolenRefreshTokenRevocation, Schemes.Jwt, "3.4", "H2", HoldsIfConfirmed: true, new("yes, with refresh tokens on (Redis at /refresh): its family's refresh tokens; access tokens live until they expire", "是，开启 Refresh Token 时（/refresh 依赖 Redis）：其家族的 Refresh Token；Access Token 在过期前仍有效"), No),
        new(Feature.StolenRefreshTokenRevocation, Schemes.JwtRevocation, "3.4", "H3", HoldsIfConfirmed: true, new("yes: the family's refresh and access tokens at once", "是：家族的 Refresh 与 Access Token 立即失效"), No),
        new(Feature.StolenRefreshTokenRevocation, Schemes.JwtRevocation, "3.4", "H2", HoldsIfConfirmed: true, new("yes: its family's refresh tokens", "是：其家族的 Refresh Token"), No, Inferred: true),
    ];

    /// <summary>
    /// Cells that have no meaning for a variant, with what the table says instead of "not measured": the cookie schemes
    /// have no refresh token (their long-lived credential is the session itself, ended by log out everywhere).
    /// </summary>
    public static IReadOnlyList<(Feature Feature, string Scheme, Localized Text)> NotApplicable { get; } =
    [
        (Feature.StolenRefreshTokenRevocation, Schemes.Sticky, new("n/a: no refresh token", "不适用：没有 Refresh Token")),
        (Feature.StolenRefreshTokenRevocation, Schemes.Redis, new("n/a: no refresh token", "不适用：没有 Refresh Token")),
    ];
}
