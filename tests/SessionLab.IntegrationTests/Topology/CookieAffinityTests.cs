using System.Net;
using System.Net.Http.Json;
using SessionLab.Topology.LoadBalancing;
using SessionLab.Topology.LoadBalancing.Nginx;
using SessionLab.Topology.LoadBalancing.Yarp;
using static SessionLab.IntegrationTests.Support.NginxTestSupport;

namespace SessionLab.IntegrationTests.Topology;

/// <summary>
/// <c>up --affinity cookie</c> on the real engines in front of three real sticky backends: thirty users behind one
/// address (an office NAT) are spread over the backends, each keeps its session on its own, and the route cookie is
/// set once, HttpOnly.
/// </summary>
public sealed class CookieAffinityTests(NginxBackendsFixture backends) : IClassFixture<NginxBackendsFixture>
{
    private const int Users = 30;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 120_000)]
    public async Task Nginx_ThirtyUsersBehindOneAddress_SpreadAndEachStaysWithItsSession()
    {
        RequireNginx();
        await AssertSpreadAndStickyAsync(new NginxLoadBalancerEngine(), "nginx");
    }

    [Fact(Timeout = 120_000)]
    public async Task Yarp_ThirtyUsersBehindOneAddress_SpreadAndEachStaysWithItsSession() =>
        await AssertSpreadAndStickyAsync(new YarpLoadBalancerEngine(), "yarp");

    private async Task AssertSpreadAndStickyAsync(ILoadBalancerEngine engine, string name)
    {
        var port = FreePorts(1)[0];
        var folder = NewRunFolder($"cookie-affinity-{name}");
        UpstreamGroup[] groups = [new("sticky", Loopback(port), BalancingPolicy.CookieAffinity, [.. backends.Ports.Select(Loopback)])];
        await using var balancer = await engine.StartAsync(groups, new PassiveHealthOptions(), folder, Ct);

        var homes = new List<string>();
        for (var user = 0; user < Users; user++)
        {
            using var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var login = await browser.PostAsJsonAsync("/login", new { username = $"office-{name}-{user}" }, Ct);
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            var route = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("lb_route=", StringComparison.Ordinal));
            Assert.Contains("httponly", route, StringComparison.OrdinalIgnoreCase);
            var home = (await login.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("server_id").GetString()!;
            homes.Add(home);

            for (var i = 0; i < 3; i++)
            {
                var profile = await browser.GetAsync("/profile", Ct);
                Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
                Assert.Equal(home, (await profile.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("server_id").GetString());
                Assert.False(profile.Headers.TryGetValues("Set-Cookie", out var again) && again.Any(c => c.StartsWith("lb_route=", StringComparison.Ordinal)), "the route cookie is set once");
            }
        }

        // Random keys (nginx) or round robin (YARP) over three backends: thirty users leave none of them empty.
        Assert.Equal(backends.ServerIds.Order(StringComparer.Ordinal), homes.Distinct().Order(StringComparer.Ordinal));
        NginxBackendsFixture.TryDelete(folder);
    }
}
