using System.Net;
using SessionLab.Backend.Common;
using SessionLab.Faults;
using SessionLab.IntegrationTests.Support;
using SessionLab.Topology;
using SessionLab.Topology.Clients;
using SessionLab.Topology.LoadBalancing;

namespace SessionLab.IntegrationTests.Topology;

/// <summary>
/// The whole plan topology (13 parts) with each engine set, on spare ports: the SPEC's requests by hand,
/// ip_hash routing as nginx does it, a killed backend survived, and nothing left once disposed.
/// </summary>
public sealed class TopologyTests
{
    public static TheoryData<string, string> EngineSets => new() { { "nginx", "system" }, { "yarp", "garnet" } };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(EngineSets))]
    public async Task Up_EveryPartAnswers_PlanRequestsWork_KilledBackendIsSurvived_NothingLeftAfter(string balancer, string store)
    {
        if (balancer == "nginx")
        {
            RealEngines.Require("nginx");
        }

        if (store == "system")
        {
            RealEngines.Require("redis-server");
        }

        var runs = Directory.CreateTempSubdirectory("sessionlab-topology-").FullName;
        var options = new TopologyOptions { LoadBalancer = balancer, Store = store, Ports = LabPorts.FindFree(), RunsDirectory = runs };
        var resolver = new EngineResolver(LoadBalancerEngines.All());
        var launcher = new TopologyLauncher(resolver.ResolveLoadBalancer(balancer), EngineResolver.ResolveStore(store));
        var pids = new List<ProcessStamp>();
        RunningTopology? topology = null;
        try
        {
            topology = await launcher.StartAsync(options, progress: null, Ct);
            var faults = new FaultController(topology);
            var states = faults.Status();
            Assert.Equal(13, states.Count);
            Assert.All(states, s => Assert.True(s.IsUp, $"{s.Component} is down"));
            Assert.Contains(balancer, topology.LoadBalancer.Description, StringComparison.OrdinalIgnoreCase);
            pids.AddRange(LabProcesses.Stamps(states.Select(s => s.ProcessId).OfType<int>().Where(p => p != Environment.ProcessId)));

            await PlanRequestsWorkAsync(topology);
            await StickyRoutingFollowsIpHashAsync(topology);
            await KilledStickyBackendIsSurvivedAsync(topology, faults);
        }
        finally
        {
            if (topology is not null)
            {
                await topology.DisposeAsync();
            }

            Directory.Delete(runs, recursive: true);
        }

        Assert.All(pids, child => Assert.False(child.IsAlive(), $"pid {child.Pid} still alive"));
        Assert.All(options.Ports.All(includeStore: true), port => Assert.False(LabPorts.IsListening(port), $"port {port} still listening"));
    }

    private static async Task PlanRequestsWorkAsync(RunningTopology topology)
    {
        // Sticky: login and profile through 8080; the cookie on any other backend → 401.
        using var sticky = NewClient(topology.BalancerAddress(SchemeKind.Sticky));
        var sessionId = Api.SessionIdOf(await sticky.LoginAsync("alice"));
        var creator = (await (await sticky.ProfileAsync()).JsonAsync()).GetProperty("server_id").GetString();
        foreach (var backend in topology.BackendsOf(SchemeKind.Sticky).Where(b => b.ServerId != creator))
        {
            using var direct = SourceAddressClientFactory.Create(IPAddress.Loopback, backend.BaseAddress, cookies: false);
            direct.DefaultRequestHeaders.Add("Cookie", $"session_id={sessionId}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await direct.ProfileAsync()).StatusCode);
        }

        // Redis: login through 8090, profile directly on server-2 → 200.
        using var redis = NewClient(topology.BalancerAddress(SchemeKind.Redis));
        var redisSession = Api.SessionIdOf(await redis.LoginAsync("bob"));
        using var redisDirect = SourceAddressClientFactory.Create(IPAddress.Loopback, topology.BackendsOf(SchemeKind.Redis).ElementAt(1).BaseAddress, cookies: false);
        redisDirect.DefaultRequestHeaders.Add("Cookie", $"session_id={redisSession}");
        Assert.Equal(HttpStatusCode.OK, (await redisDirect.ProfileAsync()).StatusCode);

        // JWT: login through 8100, profile directly on server-3 → 200.
        using var jwt = NewClient(topology.BalancerAddress(SchemeKind.Jwt));
        var token = await (await jwt.LoginAsync("carol")).TokenOfAsync();
        using var jwtDirect = NewClient(topology.BackendsOf(SchemeKind.Jwt).ElementAt(2).BaseAddress);
        Assert.Equal(HttpStatusCode.OK, (await jwtDirect.ProfileAsync(token)).StatusCode);
    }

    private static async Task StickyRoutingFollowsIpHashAsync(RunningTopology topology)
    {
        var address = topology.BalancerAddress(SchemeKind.Sticky);
        using var one = SourceAddressClientFactory.Create(IPAddress.Parse("127.77.1.1"), address);
        var seen = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            seen.Add(await ServerOfAsync(one));
        }

        Assert.Single(seen);

        var spread = new HashSet<string>();
        var sameSubnet = new HashSet<string>();
        for (var i = 0; i < 10; i++)
        {
            using var distinct = SourceAddressClientFactory.Create(SourceAddressClientFactory.Address(i, sameSubnet: false), address);
            spread.Add(await ServerOfAsync(distinct));
            using var neighbour = SourceAddressClientFactory.Create(SourceAddressClientFactory.Address(i, sameSubnet: true), address);
            sameSubnet.Add(await ServerOfAsync(neighbour));
        }

        Assert.True(spread.Count > 1, "clients from ten /24 networks all reached one backend");
        Assert.Single(sameSubnet); // nginx hashes only the first three octets
    }

    private static async Task KilledStickyBackendIsSurvivedAsync(RunningTopology topology, FaultController faults)
    {
        using var client = SourceAddressClientFactory.Create(IPAddress.Parse("127.88.1.1"), topology.BalancerAddress(SchemeKind.Sticky));
        var before = await ServerOfAsync(client);

        await faults.KillBackendAsync($"sticky/{before}");

        for (var i = 0; i < 5; i++)
        {
            var response = await client.GetAsync("/health", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEqual(before, (await response.JsonAsync()).GetProperty("server_id").GetString());
        }
    }

    private static async Task<string> ServerOfAsync(HttpClient client) =>
        (await (await client.GetAsync("/health", Ct)).JsonAsync()).GetProperty("server_id").GetString()!;

    private static HttpClient NewClient(Uri address) => SourceAddressClientFactory.Create(IPAddress.Loopback, address);
}
