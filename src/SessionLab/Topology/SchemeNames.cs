using SessionLab.Backend.Common;

namespace SessionLab.Topology;

/// <summary>How schemes are spelled on the command line and in names: <c>sticky</c>, <c>redis</c>, <c>jwt</c>, <c>aspnet-session</c>, <c>jwt-bearer</c>.</summary>
internal static class SchemeNames
{
    public static string Of(SchemeKind scheme) => scheme switch
    {
        SchemeKind.AspNetSession => "aspnet-session",
        SchemeKind.JwtBearer => "jwt-bearer",
        _ => scheme.ToString().ToLowerInvariant(),
    };
}
