namespace SessionLab.Reporting.Analysis;

/// <summary>
/// The experiments and groups of the plan (SPEC §4), so the report can name what a run did not include rather than
/// leave it out silently.
/// </summary>
internal static class PlanCatalog
{
    public static IReadOnlyList<(string Id, string Title)> Experiments { get; } =
    [
        ("1.1", "IP-hash routing consistency"), ("1.2", "Session isolation"), ("1.3", "Backend crash"),
        ("2.1", "Cross-backend sharing"), ("2.2", "Sliding expiry"), ("2.3", "Redis outage"),
        ("3.1", "JWT statelessness"), ("3.2", "JWT expiry and tampering"), ("3.3", "Blacklist logout"),
        ("4.1", "Latency"), ("4.2", "Throughput"), ("4.3", "Resources"),
    ];

    /// <summary>A group's English name (each language's are in its <see cref="Localization.ReportText"/>).</summary>
    public static string GroupName(int group) => Localization.EnglishReportText.Instance.GroupName(group);
}
