using System.Net;

namespace SessionLab.Topology.LoadBalancing.Nginx;

/// <summary>
/// One <c>upstream</c> and its <c>server</c> block as nginx spells them: addresses are text, so a config can name
/// backends by host name (<c>sticky-server-1:8081</c> in Docker Compose) as well as by IP address.
/// </summary>
/// <param name="Name">The upstream's name, also the group's: letters, digits, <c>_</c> and <c>-</c>.</param>
/// <param name="Listen">The <c>listen</c> address, e.g. <c>127.0.0.1:8080</c> or <c>0.0.0.0:8080</c>.</param>
/// <param name="Policy">How nginx picks a backend.</param>
/// <param name="Servers">The backends as <c>host:port</c>, in order.</param>
internal sealed record NginxUpstream(string Name, string Listen, BalancingPolicy Policy, IReadOnlyList<string> Servers)
{
    /// <summary>Servers (as spelled in <see cref="Servers"/>) marked <c>down</c>: taken out of rotation. Default none.</summary>
    public IReadOnlySet<string> Down { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The group as the lab runs it: every address an IP endpoint; those in <paramref name="outOfRotation"/> marked <c>down</c>.</summary>
    public static NginxUpstream From(UpstreamGroup group, IReadOnlySet<IPEndPoint>? outOfRotation = null) =>
        new(group.Name, Format(group.Listen), group.Policy, [.. group.Backends.Select(Format)])
        {
            Down = group.Backends.Where(b => outOfRotation?.Contains(b) == true).Select(Format).ToHashSet(StringComparer.Ordinal),
        };

    // IPEndPoint already writes IPv6 as [::1]:8080, the form nginx expects.
    private static string Format(IPEndPoint endPoint) => endPoint.ToString();
}
