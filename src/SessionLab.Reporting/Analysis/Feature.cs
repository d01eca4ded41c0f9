namespace SessionLab.Reporting.Analysis;

/// <summary>
/// The rows of the feature table: the plan's six first, then what groups 5–6 measure. Each is a yes/no property of a
/// scheme, as the report's rules read it.
/// </summary>
internal enum Feature
{
    /// <summary>Any backend serves a session another backend created.</summary>
    CrossServerSharing,

    /// <summary>A user's session survives the crash of the backend that served it.</summary>
    SurvivesBackendCrash,

    /// <summary>The server can end a session before it expires (logout takes effect at once).</summary>
    ActiveLogout,

    /// <summary>Adding backends spreads users over them.</summary>
    HorizontalScaling,

    /// <summary>A backend restart costs users their sessions ("yes" is the bad answer).</summary>
    RestartImpact,

    /// <summary>Sessions need a service outside the backends ("yes" means another thing that can fail).</summary>
    ExternalDependency,

    /// <summary>While the session store is down, users are either unaffected or refused at once and clearly (no hang, no 500).</summary>
    StoreOutage,

    /// <summary>Sessions (or tokens) still work after the store restarts.</summary>
    SurvivesStoreRestart,

    /// <summary>Sessions (or revocations) are served again after one store node fails (a replicated store: Sentinel 6.8, Cluster 6.9).</summary>
    SurvivesStoreNodeFailure,

    /// <summary>A logout or revocation still holds after the store restarts (the token or session does not come back).</summary>
    LogoutSurvivesStoreRestart,

    /// <summary>
    /// While the store is down, a logged-out session or a revoked token is still refused: the revocation does not
    /// depend on the store being up (6.5 H3 shows JWT with revocation failing open accepts the revoked token).
    /// </summary>
    RevokedRefusedWhileStoreDown,

    /// <summary>A backend can be redeployed (taken out, restarted, put back) with no error reaching the users.</summary>
    GracefulDeploy,

    /// <summary>Guessed session ids and forged tokens are refused.</summary>
    GuessResistance,

    /// <summary>A slower store does not slow the users' requests.</summary>
    UnaffectedBySlowStore,

    /// <summary>One request ends every session (every device) of a user, whichever backend holds it (2.4, 3.4).</summary>
    LogOutEverywhere,

    /// <summary>A session ends at a fixed limit after login however busy it is (2.5, 3.4).</summary>
    AbsoluteLifetime,

    /// <summary>A stolen refresh token is revoked once the theft shows (reuse detection, 3.4); only the JWT variants have one.</summary>
    StolenRefreshTokenRevocation,
}

/// <summary>The features in the order the table lists them, and their English names (each language's are in its <see cref="Localization.ReportText"/>).</summary>
internal static class FeatureNames
{
    public static IReadOnlyList<Feature> All { get; } = Enum.GetValues<Feature>();

    /// <summary>Whether the feature is one of the plan's own six rows (its 功能对比 table), not one the lab's groups 5–6 added.</summary>
    public static bool IsPlans(Feature feature) => feature <= Feature.ExternalDependency;

    public static string Name(Feature feature) => Localization.EnglishReportText.Instance.FeatureName(feature);
}
