using System.Net;
using SessionLab.Topology.LoadBalancing;
using SessionLab.Topology.LoadBalancing.Nginx;
using SessionLab.Topology.LoadBalancing.Yarp;
using Yarp.ReverseProxy.SessionAffinity;

namespace SessionLab.Tests.Topology.LoadBalancing;

/// <summary>
/// <c>up --affinity cookie</c>: the sticky group's nginx config (a golden file, Golden/nginx-cookie-affinity.conf) and
/// YARP cluster. Regenerate the golden file after a deliberate change with <c>SESSIONLAB_UPDATE_GOLDEN=1 dotnet test</c>.
/// </summary>
public sealed class CookieAffinityConfigTests
{
    private static readonly IReadOnlyList<UpstreamGroup> Groups =
    [
        new("sticky", Loopback(8080), BalancingPolicy.CookieAffinity, [Loopback(8081), Loopback(8082), Loopback(8083)]),
        new("redis", Loopback(8090), BalancingPolicy.RoundRobin, [Loopback(8091), Loopback(8092), Loopback(8093)]),
        new("jwt", Loopback(8100), BalancingPolicy.RoundRobin, [Loopback(8101), Loopback(8102), Loopback(8103)]),
    ];

    private static string Config => NginxConfigWriter.Write(Groups, new PassiveHealthOptions(), new NginxConfigSettings("/tmp/lab run/nginx"));

    [Fact]
    public void NginxConfig_IsTheGoldenFile()
    {
        var path = Path.Combine(RepositoryRoot(), "tests", "SessionLab.Tests", "Topology", "LoadBalancing", "Golden", "nginx-cookie-affinity.conf");
        if (Environment.GetEnvironmentVariable("SESSIONLAB_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, Config);
        }

        Assert.True(File.Exists(path), $"{path} is missing; create it with SESSIONLAB_UPDATE_GOLDEN=1 dotnet test");
        Assert.Equal(File.ReadAllText(path), Config);
    }

    [Fact]
    public void NginxConfig_StickyUpstream_HashesTheRouteConsistentlyBeforeKeepaliveAndNoIpHash()
    {
        var directives = Directives(Config);
        var upstream = Section(directives, "upstream sticky {");

        Assert.Contains("hash $sticky_route consistent;", upstream);
        Assert.True(upstream.IndexOf("hash $sticky_route consistent;") < upstream.IndexOf("keepalive 64;"));
        Assert.DoesNotContain("ip_hash;", directives);
        Assert.DoesNotContain(directives, d => d.Contains("$cookie_session_id", StringComparison.Ordinal));
        Assert.DoesNotContain(Section(directives, "upstream redis {"), d => d.StartsWith("hash ", StringComparison.Ordinal));
    }

    [Fact]
    public void NginxConfig_RouteIsTheCookieOrANewRandomKeyThatTheReplySets()
    {
        var directives = Directives(Config);

        Assert.Equal(["map $cookie_lb_route $sticky_route {", "\"\" $request_id;", "default $cookie_lb_route;", "}"], Section(directives, "map $cookie_lb_route $sticky_route {"));
        Assert.Equal(["map $cookie_lb_route $sticky_route_cookie {", "\"\" \"lb_route=$request_id; Path=/; HttpOnly; SameSite=Lax\";", "default \"\";", "}"], Section(directives, "map $cookie_lb_route $sticky_route_cookie {"));
        Assert.Single(directives, d => d == "add_header Set-Cookie $sticky_route_cookie always;");
    }

    [Fact]
    public void NginxConfig_GroupNameWithADash_VariableNamesNginxAccepts()
    {
        UpstreamGroup[] groups = [new("aspnet-session", Loopback(8110), BalancingPolicy.CookieAffinity, [Loopback(8111)])];

        var directives = Directives(NginxConfigWriter.Write(groups, new PassiveHealthOptions(), new NginxConfigSettings("/tmp/n")));

        Assert.Contains("hash $aspnet_session_route consistent;", directives);
    }

    [Fact]
    public void YarpCluster_CookieAffinityOnTheStickyGroupOnly()
    {
        var clusters = YarpProxyConfig.Clusters(Groups);

        var affinity = clusters[0].SessionAffinity!;
        Assert.True(affinity.Enabled);
        Assert.Equal(SessionAffinityConstants.Policies.HashCookie, affinity.Policy);
        Assert.Equal(SessionAffinityConstants.FailurePolicies.Redistribute, affinity.FailurePolicy);
        Assert.Equal("lb_route", affinity.AffinityKeyName);
        Assert.True(affinity.Cookie!.HttpOnly);
        Assert.Equal(Microsoft.AspNetCore.Http.SameSiteMode.Lax, affinity.Cookie.SameSite);
        Assert.Equal("RoundRobin", clusters[0].LoadBalancingPolicy);
        Assert.Null(clusters[1].SessionAffinity);
    }

    private static IPEndPoint Loopback(int port) => new(IPAddress.Loopback, port);

    private static List<string> Directives(string config) =>
        [.. config.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];

    /// <summary>The directives of the block opening with <paramref name="opening"/>, through its closing brace.</summary>
    private static List<string> Section(List<string> directives, string opening)
    {
        var start = directives.IndexOf(opening);
        Assert.True(start >= 0, $"'{opening}' not found");
        var depth = 0;
        var end = start;
        do
        {
            depth += directives[end].Count(c => c == '{') - directives[end].Count(c => c == '}');
            end++;
        }
        while (depth > 0);
        return directives[start..end];
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SessionLab.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"SessionLab.slnx not found above {AppContext.BaseDirectory}");
    }
}
