namespace SessionLab.Reporting.Analysis;

/// <summary>The three schemes the plan compares, in the order the report lists them.</summary>
internal static class Schemes
{
    public const string Sticky = "sticky";
    public const string Redis = "redis";
    public const string Jwt = "jwt";

    public static IReadOnlyList<string> All { get; } = [Sticky, Redis, Jwt];
}
