namespace SessionLab.Backend.Throttling;

/// <summary>
/// Which peers may tell the backend the real client address in <c>X-Forwarded-For</c>. Section <c>Proxy</c>.
/// With neither list set, only loopback peers are trusted (ASP.NET Core's default): a load balancer on the same host.
/// Setting either list replaces that default, so a header from any other peer is ignored and cannot dodge the throttle.
/// </summary>
public sealed class ProxyOptions
{
    public const string SectionName = "Proxy";

    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.5</c>. Default none (loopback is trusted by default).</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks of trusted proxies in CIDR, e.g. <c>10.0.0.0/24</c>. Default none (loopback is trusted by default).</summary>
    public IList<string> KnownNetworks { get; } = [];
}
