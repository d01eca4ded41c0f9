using System.Globalization;
using System.Net;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.SessionAffinity;

namespace SessionLab.Topology.LoadBalancing.Yarp;

/// <summary>The YARP configuration for the lab's groups: one route and one cluster per group, both named after it.</summary>
internal static class YarpProxyConfig
{
    /// <summary>Route metadata holding the local port the route serves (see <see cref="ListenPortMatcherPolicy"/>).</summary>
    public const string ListenPortKey = "SessionLab.ListenPort";

    // nginx proxy_read_timeout: how long the backend may stay silent.
    private static readonly TimeSpan ActivityTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// YARP's cookie session affinity for <see cref="BalancingPolicy.CookieAffinity"/>: a new client is balanced round
    /// robin and told its destination in the <c>lb_route</c> cookie (<c>HashCookie</c>: a hash of the destination id, no
    /// Data Protection keys to keep); when that destination is unavailable the request is balanced again and the cookie
    /// moves to the new one (<c>Redistribute</c>), so a client stays where it went even after its old backend returns.
    /// </summary>
    private static readonly SessionAffinityConfig CookieSessionAffinity = new()
    {
        Enabled = true,
        Policy = SessionAffinityConstants.Policies.HashCookie,
        FailurePolicy = SessionAffinityConstants.FailurePolicies.Redistribute,
        AffinityKeyName = CookieAffinity.CookieName,
        Cookie = new SessionAffinityCookieConfig
        {
            Path = "/",
            HttpOnly = true,
            SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax,
            SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest,
            IsEssential = true,
        },
    };

    public static IReadOnlyList<RouteConfig> Routes(IReadOnlyList<UpstreamGroup> groups) =>
    [
        .. groups.Select(g => new RouteConfig
        {
            RouteId = g.Name,
            ClusterId = g.Name,
            Match = new RouteMatch { Path = "{**catch-all}" },
            Metadata = new Dictionary<string, string> { [ListenPortKey] = g.Listen.Port.ToString(CultureInfo.InvariantCulture) },
        }),
    ];

    public static IReadOnlyList<ClusterConfig> Clusters(IReadOnlyList<UpstreamGroup> groups) =>
    [
        .. groups.Select(g => new ClusterConfig
        {
            ClusterId = g.Name,
            LoadBalancingPolicy = g.Policy switch
            {
                BalancingPolicy.IpHash => NginxIpHashLoadBalancingPolicy.PolicyName,
                _ => LoadBalancingPolicies.RoundRobin,
            },
            SessionAffinity = g.Policy == BalancingPolicy.CookieAffinity ? CookieSessionAffinity : null,
            HealthCheck = new HealthCheckConfig
            {
                Passive = new PassiveHealthCheckConfig { Enabled = true, Policy = NginxMaxFailsHealthPolicy.PolicyName },

                // nginx, finding every server failed, resets their failures and tries again rather than refusing all traffic.
                AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyOrPanic,
            },
            HttpRequest = new ForwarderRequestConfig
            {
                ActivityTimeout = ActivityTimeout,
                Version = HttpVersion.Version11,
                VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            },
            Destinations = g.Backends
                .Select((backend, i) => (Id: DestinationId(i), Config: new DestinationConfig { Address = $"http://{backend}/" }))
                .ToDictionary(d => d.Id, d => d.Config, StringComparer.Ordinal),
        }),
    ];

    /// <summary><c>server-1</c> for the first backend, like the backends' own ids.</summary>
    public static string DestinationId(int index) => $"server-{(index + 1).ToString(CultureInfo.InvariantCulture)}";
}
