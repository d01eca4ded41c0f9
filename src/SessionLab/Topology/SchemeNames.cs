using SessionLab.Backend.Common;

namespace SessionLab.Topology;

/// <summary>
/// How schemes are spelled on the command line, in names and in the balancers' configs: <c>sticky</c>, <c>redis</c>,
/// <c>jwt</c>, <c>aspnet-session</c>, <c>jwt-bearer</c>. The one place a scheme's name is written.
/// </summary>
internal static class SchemeNames
{
    /// <summary>Every scheme <c>sessionlab serve</c> runs, with its name: the plan's three, then the ASP.NET Core peers.</summary>
    public static IReadOnlyList<(SchemeKind Kind, string Name)> All { get; } =
    [
        (SchemeKind.Sticky, "sticky"),
        (SchemeKind.Redis, "redis"),
        (SchemeKind.Jwt, "jwt"),
        (SchemeKind.AspNetSession, "aspnet-session"),
        (SchemeKind.JwtBearer, "jwt-bearer"),
    ];

    public static string Of(SchemeKind scheme) => All.Single(s => s.Kind == scheme).Name;

    /// <summary>The scheme a name spells; throws for a name that is none (the command line validates first).</summary>
    public static SchemeKind Parse(string name) =>
        All.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { Name: not null } found
            ? found.Kind
            : throw new ArgumentException($"Unknown scheme '{name}'. Known: {string.Join(", ", All.Select(s => s.Name))}.", nameof(name));

    /// <summary>The scheme's upstream group name in a balancer config (<c>aspnet_session</c>): an identifier, no hyphen.</summary>
    public static string UpstreamOf(SchemeKind scheme) => Of(scheme).Replace('-', '_');
}
