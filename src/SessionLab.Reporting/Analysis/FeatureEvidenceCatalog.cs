namespace SessionLab.Reporting.Analysis;

/// <summary>
/// The feature table's sources, as data: which verdict fills which cell. Kept in one list so the derivation is
/// reviewable (and the report prints it).
/// </summary>
internal static class FeatureEvidenceCatalog
{
    public static IReadOnlyList<FeatureEvidence> All { get; } =
    [
        // 1.2 H2: the other sticky backends answer 401 to the cookie, so a sticky session is not shared.
        new(Feature.CrossServerSharing, Schemes.Sticky, "1.2", "H2", HoldsIfConfirmed: false, "yes", "no"),
        new(Feature.CrossServerSharing, Schemes.Redis, "2.1", "H1", HoldsIfConfirmed: true, "yes", "no"),
        new(Feature.CrossServerSharing, Schemes.Jwt, "3.1", "H3", HoldsIfConfirmed: true, "yes", "no"),
        new(Feature.CrossServerSharing, Schemes.JwtRevocation, "3.1", "H3", HoldsIfConfirmed: true, "yes", "no"),

        new(Feature.SurvivesBackendCrash, Schemes.Sticky, "1.3", "H1", HoldsIfConfirmed: false, "yes", "no"),
        // 6.1 H1: every redis (and JWT) session still answers 200 after its backend was killed under load: head-on.
        // Without 6.1: no redis backend is crashed by the plan; the session lives in Redis and every backend serves it (2.1 H1).
        new(Feature.SurvivesBackendCrash, Schemes.Redis, "6.1", "H1", HoldsIfConfirmed: true, "yes", "no"),
        new(Feature.SurvivesBackendCrash, Schemes.Redis, "2.1", "H1", HoldsIfConfirmed: true, "yes", "no", Inferred: true),
        new(Feature.SurvivesBackendCrash, Schemes.Jwt, "3.1", "H2", HoldsIfConfirmed: true, "yes", "no"),
        new(Feature.SurvivesBackendCrash, Schemes.JwtRevocation, "3.1", "H2", HoldsIfConfirmed: true, "yes", "no"),

        // 5.2 H3: after /logout the old cookie replayed gets 401 on sticky and redis: head-on. Without 5.2: a session the
        // server no longer holds is refused at once (1.3 H1, 2.2 H3), which is what /logout does; the plan tests logout only for JWT (3.3).
        new(Feature.ActiveLogout, Schemes.Sticky, "5.2", "H3", HoldsIfConfirmed: true, "yes", "no"),
        new(Feature.ActiveLogout, Schemes.Sticky, "1.3", "H1", HoldsIfConfirmed: true, "yes", "no", Inferred: true),
        new(Feature.ActiveLogout, Schemes.Redis, "5.2", "H3", HoldsIfConfirmed: true, "yes", "no"),
        new(Feature.ActiveLogout, Schemes.Redis, "2.2", "H3", HoldsIfConfirmed: true, "yes", "no", Inferred: true),
        // Stateless JWT keeps nothing on the server (3.1 H1), so there is nothing to end: a logged-out token works until
        // it expires. The revocation variant is the one 3.3 tests: its blacklist refuses the token at once.
        new(Feature.ActiveLogout, Schemes.Jwt, "3.1", "H1", HoldsIfConfirmed: false, "yes", "no: a token works until it expires", Inferred: true),
        new(Feature.ActiveLogout, Schemes.JwtRevocation, "3.3", "H2", HoldsIfConfirmed: true, "yes (Redis blacklist)", "no"),
        new(Feature.ActiveLogout, Schemes.JwtRevocation, "5.2", "H4", HoldsIfConfirmed: true, "yes (Redis blacklist)", "no", Inferred: true),

        new(Feature.HorizontalScaling, Schemes.Sticky, "1.1", "H2", HoldsIfConfirmed: true, "yes, per client address", "no"),
        new(Feature.HorizontalScaling, Schemes.Redis, "2.1", "H2", HoldsIfConfirmed: true, "yes", "no"),
        new(Feature.HorizontalScaling, Schemes.Jwt, "3.1", "H3", HoldsIfConfirmed: true, "yes", "no"),
        new(Feature.HorizontalScaling, Schemes.JwtRevocation, "3.1", "H3", HoldsIfConfirmed: true, "yes", "no"),

        new(Feature.RestartImpact, Schemes.Sticky, "1.3", "H1", HoldsIfConfirmed: true, "its users' sessions are lost", "none"),
        new(Feature.RestartImpact, Schemes.Redis, "6.1", "H1", HoldsIfConfirmed: false, "sessions lost", "none"),
        new(Feature.RestartImpact, Schemes.Redis, "2.1", "H1", HoldsIfConfirmed: false, "sessions lost", "none", Inferred: true),
        new(Feature.RestartImpact, Schemes.Jwt, "3.1", "H2", HoldsIfConfirmed: false, "tokens refused", "none"),
        new(Feature.RestartImpact, Schemes.JwtRevocation, "3.1", "H2", HoldsIfConfirmed: false, "tokens refused", "none"),

        // 1.2 H3: the session is listed only by its backend's own memory, so no store is involved.
        new(Feature.ExternalDependency, Schemes.Sticky, "1.2", "H3", HoldsIfConfirmed: false, "yes", "none (backend memory)"),
        new(Feature.ExternalDependency, Schemes.Redis, "2.3", "H1", HoldsIfConfirmed: true, "Redis: requests fail while it is down", "none"),
        new(Feature.ExternalDependency, Schemes.Jwt, "3.1", "H1", HoldsIfConfirmed: false, "yes", "none"),
        // 6.5 H1: with the store down, the revocation variant either refuses every request (fail closed) or, fail open,
        // accepts revoked tokens (6.5 H3): Redis is on every request's path. Without 6.5: 3.3 H1 shows the blacklist lives in Redis.
        new(Feature.ExternalDependency, Schemes.JwtRevocation, "6.5", "H1", HoldsIfConfirmed: true, "Redis on every request: refused while it is down (fail closed)", "none"),
        new(Feature.ExternalDependency, Schemes.JwtRevocation, "3.3", "H1", HoldsIfConfirmed: true, "Redis (the blacklist)", "none", Inferred: true),

        // The rows below come from groups 5–6. Sticky keeps no store (1.2 H3), so a store's outage, restart or slowness
        // cannot reach it; stateless JWT reads no store either (3.1 H1, and 6.2 H3 / 6.7 H4 head-on).
        new(Feature.StoreOutage, Schemes.Sticky, "1.2", "H3", HoldsIfConfirmed: true, "unaffected (no store)", "affected", Inferred: true),
        new(Feature.StoreOutage, Schemes.Redis, "6.2", "H1", HoldsIfConfirmed: true, "refused at once (503)", "slow or unclear failures"),
        new(Feature.StoreOutage, Schemes.Redis, "2.3", "H1", HoldsIfConfirmed: true, "refused at once, with a clear error", "slow or unclear failures", Inferred: true),
        new(Feature.StoreOutage, Schemes.Jwt, "6.2", "H3", HoldsIfConfirmed: true, "unaffected", "errors during the outage"),
        // 6.5 H1 is the fail-closed policy the lab's backends default to; fail open is the 6.5 H3 trade (revoked tokens accepted).
        new(Feature.StoreOutage, Schemes.JwtRevocation, "6.5", "H1", HoldsIfConfirmed: true, "refused at once (503, fail closed)", "slow failures, or revoked tokens accepted"),

        new(Feature.SurvivesStoreRestart, Schemes.Sticky, "1.2", "H3", HoldsIfConfirmed: true, "yes (no store)", "no", Inferred: true),
        new(Feature.SurvivesStoreRestart, Schemes.Redis, "6.6", "H1", HoldsIfConfirmed: true, "with AOF only", "no, even with AOF"),
        new(Feature.SurvivesStoreRestart, Schemes.Redis, "2.3", "H2", HoldsIfConfirmed: false, "yes", "no (without persistence)", Inferred: true),
        new(Feature.SurvivesStoreRestart, Schemes.Jwt, "3.1", "H1", HoldsIfConfirmed: true, "yes (nothing stored)", "no", Inferred: true),
        new(Feature.SurvivesStoreRestart, Schemes.JwtRevocation, "3.1", "H1", HoldsIfConfirmed: true, "yes (the token carries the session)", "no", Inferred: true),

        // A logged-out sticky or redis session is deleted, so a restart has nothing to bring back (5.2 H3 shows the
        // replayed cookie refused); stateless JWT has no logout to survive. 6.6 H4 restarts the store under a revocation.
        new(Feature.LogoutSurvivesStoreRestart, Schemes.Sticky, "5.2", "H3", HoldsIfConfirmed: true, "yes (the session is deleted)", "no", Inferred: true),
        new(Feature.LogoutSurvivesStoreRestart, Schemes.Redis, "5.2", "H3", HoldsIfConfirmed: true, "yes (the session is deleted)", "no", Inferred: true),
        new(Feature.LogoutSurvivesStoreRestart, Schemes.Jwt, "3.1", "H1", HoldsIfConfirmed: false, "yes", "no logout to survive", Inferred: true),
        new(Feature.LogoutSurvivesStoreRestart, Schemes.JwtRevocation, "6.6", "H4", HoldsIfConfirmed: true, "with AOF only: without persistence revoked tokens work again", "no", OnlyConfirmationDecides: true),

        // 6.3 H1 restarts sticky, redis and JWT backends behind the balancer; the revocation variant runs on the same JWT backends.
        new(Feature.GracefulDeploy, Schemes.Sticky, "6.3", "H1", HoldsIfConfirmed: true, "yes, taken out of rotation first (its users' sessions still end)", "no: 5xx reach users"),
        new(Feature.GracefulDeploy, Schemes.Redis, "6.3", "H1", HoldsIfConfirmed: true, "yes, taken out of rotation first", "no: 5xx reach users"),
        new(Feature.GracefulDeploy, Schemes.Jwt, "6.3", "H1", HoldsIfConfirmed: true, "yes, taken out of rotation first", "no: 5xx reach users"),
        new(Feature.GracefulDeploy, Schemes.JwtRevocation, "6.3", "H1", HoldsIfConfirmed: true, "yes, taken out of rotation first", "no: 5xx reach users", Inferred: true),

        // 5.5 guesses redis session ids head-on; sticky issues the same signed ids (5.1), so its row is inferred from 5.5.
        new(Feature.GuessResistance, Schemes.Sticky, "5.5", "H1", HoldsIfConfirmed: true, "yes (signed 128-bit ids, throttled)", "no: a guess was accepted", Inferred: true),
        new(Feature.GuessResistance, Schemes.Redis, "5.5", "H1", HoldsIfConfirmed: true, "yes (signed 128-bit ids, throttled)", "no: a guess was accepted"),
        new(Feature.GuessResistance, Schemes.Jwt, "5.3", "H1", HoldsIfConfirmed: true, "yes (HS256 pinned)", "no: a forged token was accepted"),
        new(Feature.GuessResistance, Schemes.JwtRevocation, "5.3", "H1", HoldsIfConfirmed: true, "yes (HS256 pinned)", "no: a forged token was accepted"),

        // 6.7 H1 predicts one store round trip per request for both stateful schemes: confirmed means they are slowed by
        // it; refuted says only that the rise was not that amount.
        new(Feature.UnaffectedBySlowStore, Schemes.Sticky, "1.2", "H3", HoldsIfConfirmed: true, "yes (no store)", "no", Inferred: true),
        new(Feature.UnaffectedBySlowStore, Schemes.Redis, "6.7", "H1", HoldsIfConfirmed: false, "yes", "no: + one store round trip per request", OnlyConfirmationDecides: true),
        new(Feature.UnaffectedBySlowStore, Schemes.Jwt, "6.7", "H4", HoldsIfConfirmed: true, "yes", "no: slowed although it reads no store"),
        new(Feature.UnaffectedBySlowStore, Schemes.JwtRevocation, "6.7", "H1", HoldsIfConfirmed: false, "yes", "no: + one store round trip per request", OnlyConfirmationDecides: true),

        // 2.4 H3 is the sticky limitation: confirmed means /logout-all reached only the backend that got it.
        new(Feature.LogOutEverywhere, Schemes.Sticky, "2.4", "H3", HoldsIfConfirmed: false, "yes", "no: only the sessions of the backend that got it"),
        new(Feature.LogOutEverywhere, Schemes.Redis, "2.4", "H1", HoldsIfConfirmed: true, "yes (the per-user index)", "no"),
        // 3.4 H5: without revocation checks /profile keeps accepting access tokens after /logout-all (only refresh tokens end).
        new(Feature.LogOutEverywhere, Schemes.Jwt, "3.4", "H5", HoldsIfConfirmed: false, "yes", "no: refresh tokens end, access tokens live until they expire"),
        new(Feature.LogOutEverywhere, Schemes.JwtRevocation, "3.4", "H4", HoldsIfConfirmed: true, "yes (refresh and access tokens)", "no"),

        new(Feature.AbsoluteLifetime, Schemes.Sticky, "2.5", "H3", HoldsIfConfirmed: true, "yes", "no"),
        new(Feature.AbsoluteLifetime, Schemes.Redis, "2.5", "H1", HoldsIfConfirmed: true, "yes", "no"),
        // A stateless token's exp is fixed when it is issued: 3.2 H2 shows it is refused past it.
        new(Feature.AbsoluteLifetime, Schemes.Jwt, "3.2", "H2", HoldsIfConfirmed: true, "yes: a token ends at its exp", "no", Inferred: true),
        // 3.4 H6: a refresh family kept rotating ends at its limit from login. Without 3.4: the access token's exp (3.2 H2).
        new(Feature.AbsoluteLifetime, Schemes.JwtRevocation, "3.4", "H6", HoldsIfConfirmed: true, "yes: a refresh family ends at its limit", "no"),
        new(Feature.AbsoluteLifetime, Schemes.JwtRevocation, "3.2", "H2", HoldsIfConfirmed: true, "yes: a token ends at its exp", "no", Inferred: true),

        // 3.4 H2: the replay of a retired refresh token revokes its family (with or without revocation checks); H3: with
        // them its access tokens are refused at once too, without them they live until they expire.
        new(Feature.StolenRefreshTokenRevocation, Schemes.Jwt, "3.4", "H2", HoldsIfConfirmed: true, "yes: its family's refresh tokens (access tokens live until they expire)", "no"),
        new(Feature.StolenRefreshTokenRevocation, Schemes.JwtRevocation, "3.4", "H3", HoldsIfConfirmed: true, "yes: the family's refresh and access tokens at once", "no"),
        new(Feature.StolenRefreshTokenRevocation, Schemes.JwtRevocation, "3.4", "H2", HoldsIfConfirmed: true, "yes: its family's refresh tokens", "no", Inferred: true),
    ];

    /// <summary>
    /// Cells that have no meaning for a variant, with what the table says instead of "not measured": the cookie schemes
    /// have no refresh token (their long-lived credential is the session itself, ended by log out everywhere).
    /// </summary>
    public static IReadOnlyList<(Feature Feature, string Scheme, string Text)> NotApplicable { get; } =
    [
        (Feature.StolenRefreshTokenRevocation, Schemes.Sticky, "n/a: no refresh token"),
        (Feature.StolenRefreshTokenRevocation, Schemes.Redis, "n/a: no refresh token"),
    ];
}
