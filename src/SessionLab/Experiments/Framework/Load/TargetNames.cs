namespace SessionLab.Experiments.Framework.Load;

/// <summary>
/// The names group 4 measures under: the variants a team can deploy, the bare ceilings and the ASP.NET Core peers. The
/// same names key the typed metrics in results.json, which the report and <c>compare</c> read.
/// </summary>
internal static class TargetNames
{
    public const string IpHashCeiling = "ceiling: /health via ip_hash";
    public const string RoundRobinCeiling = "ceiling: /health via round robin";
    public const string Sticky = "sticky";
    public const string StickyOneNat = "sticky, all users behind one NAT";
    public const string Redis = "redis";
    public const string Jwt = "jwt";
    public const string JwtRevocation = "jwt + revocation";
    public const string AspNetSessionPeer = "aspnet-session (built-in peer)";
    public const string JwtBearerPeer = "jwt-bearer (built-in peer)";
}
