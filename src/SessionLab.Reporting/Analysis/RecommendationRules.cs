using SessionLab.Reporting.Localization;

namespace SessionLab.Reporting.Analysis;

/// <summary>The plan's situations as rules over the feature table: data, so they are printed and unit-tested as they are.</summary>
internal static class RecommendationRules
{
    /// <summary>
    /// What a situation that forces logouts needs beyond the plan's "active logout" (groups 5–6): the logout must hold
    /// while the store is down and after it restarts. JWT with revocation meets "active logout" only through Redis, and
    /// 6.5 / 6.6 measure whether that revocation survives Redis failing.
    /// </summary>
    private static readonly Requirement[] LogoutThatHolds = [new(Feature.RevokedRefusedWhileStoreDown, true), new(Feature.LogoutSurvivesStoreRestart, true)];

    public static IReadOnlyList<RecommendationRule> All { get; } =
    [
        new("small app", [new(Feature.ExternalDependency, false)], RankBy.LowestP50,
            "few servers and little operations budget: nothing extra to run", new(Schemes.Sticky, "simple, fast")),
        new("mid/large app", [new(Feature.CrossServerSharing, true), new(Feature.SurvivesBackendCrash, true), new(Feature.ActiveLogout, true)], RankBy.HighestQps,
            "many backends that come and go, users who log out"),
        new("API service", [new(Feature.CrossServerSharing, true), new(Feature.ExternalDependency, false)], RankBy.HighestQps,
            "stateless clients hit any instance; throughput matters most"),
        new("e-commerce", [new(Feature.CrossServerSharing, true), new(Feature.SurvivesBackendCrash, true), new(Feature.ActiveLogout, true), .. LogoutThatHolds], RankBy.LowestP99,
            "a lost session is a lost cart; tail latency costs sales", new(Schemes.Redis, "forced logout, cart changes")),
        new("mobile", [new(Feature.CrossServerSharing, true), new(Feature.RestartImpact, false)], RankBy.LowestP50,
            "clients change networks (new addresses) and stay logged in for long", new(Schemes.Jwt, "stateless, suits distribution")),
        new("SPA", [new(Feature.CrossServerSharing, true), new(Feature.HorizontalScaling, true)], RankBy.LowestP50,
            "many small API calls from the browser, spread over backends", new(Schemes.Jwt, "cross-origin friendly")),
        new("microservices", [new(Feature.CrossServerSharing, true), new(Feature.ExternalDependency, false)], RankBy.LowestP50,
            "every service verifies the caller itself, without a shared store", new(Schemes.Jwt, "service-to-service auth")),
        new("high security", [new(Feature.ActiveLogout, true), new(Feature.SurvivesBackendCrash, true), .. LogoutThatHolds], RankBy.LowestP99,
            "a stolen or logged-out session must stop working at once", new(Schemes.Redis, "sessions revoked at once")),
    ];

    /// <summary>The rule in words, e.g. "needs cross-server sharing = yes; among those, the lowest P50 (4.1)".</summary>
    public static string Describe(RecommendationRule rule, ReportText? text = null) => (text ?? EnglishReportText.Instance).DescribeRule(rule.Requirements, rule.RankBy);

    public static string Metric(RankBy rankBy) => EnglishReportText.Instance.RankMetric(rankBy);
}
