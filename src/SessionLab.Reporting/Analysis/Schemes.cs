namespace SessionLab.Reporting.Analysis;

/// <summary>
/// The variants a team can deploy, in the order the report lists them: the plan's three schemes, with JWT split into
/// stateless JWT and JWT with revocation (a Redis blacklist read on every request), which differ in exactly what a
/// recommendation needs (logout, dependencies, speed). The names match group 4's targets, so figures are found by them.
/// </summary>
internal static class Schemes
{
    public const string Sticky = "sticky";
    public const string Redis = "redis";
    public const string Jwt = "jwt";
    public const string JwtRevocation = "jwt + revocation";

    public static IReadOnlyList<string> All { get; } = [Sticky, Redis, Jwt, JwtRevocation];

    /// <summary>The plan's name for a variant, as its situations table writes it.</summary>
    public static string PlanName(string scheme) => scheme switch
    {
        Sticky => "Sticky Session",
        Redis => "Redis Session",
        _ => "JWT Token",
    };
}
