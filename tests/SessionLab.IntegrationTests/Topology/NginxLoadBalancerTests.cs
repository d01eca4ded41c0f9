using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SessionLab.Topology;
using SessionLab.Topology.LoadBalancing;
using SessionLab.Topology.LoadBalancing.Nginx;
using static SessionLab.IntegrationTests.Support.NginxTestSupport;

namespace SessionLab.IntegrationTests.Topology;

/// <summary>The real nginx in front of real backends: IP-hash stickiness as nginx computes it, round robin, failover, start and stop.</summary>
public sealed class NginxLoadBalancerTests(NginxBackendsFixture backends) : IClassFixture<NginxBackendsFixture>
{
    private const int Timeout = 120_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void CheckAvailability_InstalledNginx_ReportsItsVersion()
    {
        var availability = RequireNginx();

        Assert.Matches(@"^\d+\.\d+\.\d+", availability.Version);
        Assert.Null(availability.Reason);
    }

    [Fact(Timeout = Timeout)]
    public async Task Start_TwoGroups_ServesBothFromFilesInTheRunFolder()
    {
        var availability = RequireNginx();

        await using var front = await NginxFront.StartAsync(backends.Ports, nameof(Start_TwoGroups_ServesBothFromFilesInTheRunFolder));

        Assert.Equal($"nginx {availability.Version}", front.Balancer.Description);
        var pid = await File.ReadAllTextAsync(Path.Combine(front.RunFolder, NginxFiles.PidFile), Ct);
        Assert.Equal(front.Balancer.ProcessId.ToString(CultureInfo.InvariantCulture), pid.Trim());
        Assert.True(File.Exists(Path.Combine(front.RunFolder, NginxFiles.Config)));
        Assert.True(Directory.Exists(Path.Combine(front.RunFolder, "proxy_temp")));
        using var client = ClientFrom("127.0.0.1");
        Assert.Contains(await ServerIdAsync(client, front.StickyPort, Ct), backends.ServerIds);
        Assert.Contains(await ServerIdAsync(client, front.RoundRobinPort, Ct), backends.ServerIds);
    }

    [Fact(Timeout = Timeout)]
    public async Task IpHash_OneClient_AlwaysReachesTheSameBackend()
    {
        RequireNginx();
        await using var front = await NginxFront.StartAsync(backends.Ports, nameof(IpHash_OneClient_AlwaysReachesTheSameBackend));
        using var client = ClientFrom("127.50.50.1");

        var seen = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            seen.Add(await ServerIdAsync(client, front.StickyPort, Ct));
        }

        Assert.Single(seen.Distinct());
    }

    [Fact(Timeout = Timeout)]
    public async Task IpHash_ClientsFromDifferentNetworks_AreSpreadOverBackends()
    {
        RequireNginx();
        await using var front = await NginxFront.StartAsync(backends.Ports, nameof(IpHash_ClientsFromDifferentNetworks_AreSpreadOverBackends));

        // 127.1.1.1, 127.2.1.1, ...: each in its own /24, the part of an IPv4 address ip_hash looks at.
        var seen = await ServerIdsFromAsync(TenNetworks, front.StickyPort);

        Assert.True(seen.Distinct().Count() > 1, $"10 networks all reached {string.Join(", ", seen.Distinct())}");
    }

    [Fact(Timeout = Timeout)]
    public async Task IpHash_EachClient_ReachesTheBackendNginxsHashFormulaNames()
    {
        RequireNginx();
        await using var front = await NginxFront.StartAsync(backends.Ports, nameof(IpHash_EachClient_ReachesTheBackendNginxsHashFormulaNames));

        var seen = await ServerIdsFromAsync(TenNetworks, front.StickyPort);

        // Exactly nginx's ip_hash (4/3/3 here), so an engine that imitates it can be checked against these numbers.
        Assert.Equal(TenNetworks.Select(source => backends.ServerIds[NginxIpHash(source, backends.ServerIds.Count)]), seen);
    }

    [Fact(Timeout = Timeout)]
    public async Task IpHash_NetworksThatDifferAlike_CanAllShareOneBackend()
    {
        RequireNginx();
        await using var front = await NginxFront.StartAsync(backends.Ports, nameof(IpHash_NetworksThatDifferAlike_CanAllShareOneBackend));

        // A trap for experiment 1.1: for 127.N.N.1 (N up to 19) nginx's hash works out to 4040 + 114·N, and 114·N is a
        // multiple of 3, so with three backends ten "different" clients 127.1.1.1..127.10.10.1 all land on one backend.
        var seen = await ServerIdsFromAsync(Enumerable.Range(1, 10).Select(n => $"127.{n}.{n}.1"), front.StickyPort);

        Assert.Single(seen.Distinct());
    }

    [Fact(Timeout = Timeout)]
    public async Task IpHash_ClientsInOneSlash24_ShareOneBackend()
    {
        RequireNginx();
        await using var front = await NginxFront.StartAsync(backends.Ports, nameof(IpHash_ClientsInOneSlash24_ShareOneBackend));

        // nginx hashes only the first three octets, so 127.9.9.1..10 are one client to it.
        var seen = await ServerIdsFromAsync(Enumerable.Range(1, 10).Select(n => $"127.9.9.{n}"), front.StickyPort);

        Assert.Single(seen.Distinct());
    }

    [Fact(Timeout = Timeout)]
    public async Task RoundRobin_Requests_ReachEveryBackend()
    {
        RequireNginx();
        await using var front = await NginxFront.StartAsync(backends.Ports, nameof(RoundRobin_Requests_ReachEveryBackend));
        using var client = ClientFrom("127.0.0.1");

        var seen = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            seen.Add(await ServerIdAsync(client, front.RoundRobinPort, Ct));
        }

        Assert.Equal(backends.ServerIds, seen.Distinct().Order());
    }

    [Fact(Timeout = Timeout)]
    public async Task KilledBackend_RequestsThroughBothBalancers_KeepSucceeding()
    {
        RequireNginx();
        // Own backends: this test kills one, which the shared fixture must not lose.
        var ports = FreePorts(3);
        var logs = NewRunFolder("killed-backend");
        await using var server1 = await StartStickyBackendAsync("server-1", ports[0], logs, Ct);
        await using var server2 = await StartStickyBackendAsync("server-2", ports[1], logs, Ct);
        await using var server3 = await StartStickyBackendAsync("server-3", ports[2], logs, Ct);
        await using var front = await NginxFront.StartAsync(ports, nameof(KilledBackend_RequestsThroughBothBalancers_KeepSucceeding));
        using var client = ClientFrom("127.60.60.1");
        var home = await ServerIdAsync(client, front.StickyPort, Ct);

        await new[] { server1, server2, server3 }.Single(b => b.Name == home).KillAsync();

        var sticky = new List<string>();
        var roundRobin = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            sticky.Add(await ServerIdAsync(client, front.StickyPort, Ct));
            roundRobin.Add(await ServerIdAsync(client, front.RoundRobinPort, Ct));
        }

        // proxy_next_upstream: the attempt on the dead backend is retried elsewhere, so every request got a 200.
        Assert.DoesNotContain(home, sticky);
        Assert.Single(sticky.Distinct()); // ip_hash re-hashes the orphaned client to one live backend, not to any
        Assert.DoesNotContain(home, roundRobin);
        Assert.Equal(2, roundRobin.Distinct().Count());
        NginxBackendsFixture.TryDelete(logs);
    }

    [Fact(Timeout = Timeout)]
    public async Task Start_PortInUse_ThrowsTopologyExceptionNamingThePort()
    {
        RequireNginx();
        using var occupier = new TcpListener(IPAddress.Loopback, 0);
        occupier.Start();
        var busy = ((IPEndPoint)occupier.LocalEndpoint).Port;
        var folder = NewRunFolder("port-in-use");
        UpstreamGroup[] groups = [new("sticky", Loopback(busy), BalancingPolicy.IpHash, [.. backends.Ports.Select(Loopback)])];

        var error = await Assert.ThrowsAsync<TopologyException>(() => new NginxLoadBalancerEngine().StartAsync(groups, new PassiveHealthOptions(), folder, Ct));

        Assert.Contains($"bind() to 127.0.0.1:{busy} failed", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, NginxFiles.PidFile)));
        NginxBackendsFixture.TryDelete(folder);
    }

    [Fact(Timeout = Timeout)]
    public async Task Dispose_StopsMasterAndWorkers_AndFreesThePorts()
    {
        RequireNginx();
        await using var front = await NginxFront.StartAsync(backends.Ports, nameof(Dispose_StopsMasterAndWorkers_AndFreesThePorts));
        var master = front.Balancer.ProcessId;
        var workers = ChildrenOf(master);
        Assert.NotEmpty(workers);

        await front.Balancer.DisposeAsync();

        Assert.False(IsAlive(master), $"nginx master {master} is still running");
        Assert.All(workers, w => Assert.False(IsAlive(w), $"nginx worker {w} is still running"));
        Assert.False(await IsListeningAsync(front.StickyPort, Ct));
        Assert.False(await IsListeningAsync(front.RoundRobinPort, Ct));
        Assert.False(File.Exists(Path.Combine(front.RunFolder, NginxFiles.PidFile)));
    }

    [Fact(Timeout = Timeout)]
    public async Task SetInRotation_BackendOutThenIn_RoundRobinSkipsItThenReachesItAgain()
    {
        RequireNginx();
        await using var front = await NginxFront.StartAsync(backends.Ports, nameof(SetInRotation_BackendOutThenIn_RoundRobinSkipsItThenReachesItAgain));
        var victim = Loopback(backends.Ports[1]);
        using var client = ClientFrom("127.0.0.1");

        await front.Balancer.SetInRotationAsync(victim, false, Ct);
        var during = await ServerIdsAsync(client, front.RoundRobinPort, 30);
        var config = await File.ReadAllTextAsync(Path.Combine(front.RunFolder, NginxFiles.Config), Ct);
        await front.Balancer.SetInRotationAsync(victim, true, Ct);
        var after = await ServerIdsAsync(client, front.RoundRobinPort, 30);

        Assert.DoesNotContain("server-2", during);
        Assert.Equal(["server-1", "server-3"], during.Distinct().Order(StringComparer.Ordinal));
        Assert.Contains($"server {victim} max_fails=1 fail_timeout=10s down;", config, StringComparison.Ordinal);
        Assert.Contains("server-2", after);
    }

    [Fact(Timeout = Timeout)]
    public async Task SetInRotation_IpHashBackendOut_OnlyItsClientsMoveAndComeBack()
    {
        RequireNginx();
        await using var front = await NginxFront.StartAsync(backends.Ports, nameof(SetInRotation_IpHashBackendOut_OnlyItsClientsMoveAndComeBack));
        var before = await ServerIdsFromAsync(TenNetworks, front.StickyPort);
        var victimId = before[0];
        var victim = Loopback(backends.Ports[backends.ServerIds.ToList().IndexOf(victimId)]);

        await front.Balancer.SetInRotationAsync(victim, false, Ct);
        var during = await ServerIdsFromAsync(TenNetworks, front.StickyPort);
        await front.Balancer.SetInRotationAsync(victim, true, Ct);
        var after = await ServerIdsFromAsync(TenNetworks, front.StickyPort);

        for (var i = 0; i < TenNetworks.Length; i++)
        {
            if (before[i] == victimId)
            {
                Assert.NotEqual(victimId, during[i]);
            }
            else
            {
                Assert.Equal(before[i], during[i]);
            }
        }

        Assert.Equal(before, after);
    }

    [Fact(Timeout = Timeout)]
    public async Task SetInRotation_UnknownBackend_Throws()
    {
        RequireNginx();
        await using var front = await NginxFront.StartAsync(backends.Ports, nameof(SetInRotation_UnknownBackend_Throws));

        await Assert.ThrowsAsync<TopologyException>(() => front.Balancer.SetInRotationAsync(Loopback(1), false, Ct));
    }

    private static async Task<List<string>> ServerIdsAsync(HttpClient client, int port, int count)
    {
        var seen = new List<string>();
        for (var i = 0; i < count; i++)
        {
            seen.Add(await ServerIdAsync(client, port, Ct));
        }

        return seen;
    }

    /// <summary>Ten clients, each in its own /24; unlike 127.N.N.1 (see above), they spread 4/3/3 over three backends.</summary>
    private static readonly string[] TenNetworks = [.. Enumerable.Range(1, 10).Select(n => $"127.{n}.1.1")];

    /// <summary>ngx_http_upstream_ip_hash_module with equal weights and every backend up: the first three octets, hashed.</summary>
    private static int NginxIpHash(string source, int backendCount)
    {
        var octets = IPAddress.Parse(source).GetAddressBytes();
        var hash = 89;
        for (var i = 0; i < 3; i++)
        {
            hash = ((hash * 113) + octets[i]) % 6271;
        }

        return hash % backendCount;
    }

    private static async Task<List<string>> ServerIdsFromAsync(IEnumerable<string> sources, int port)
    {
        var seen = new List<string>();
        foreach (var source in sources)
        {
            using var client = ClientFrom(source);
            seen.Add(await ServerIdAsync(client, port, Ct));
        }

        return seen;
    }

    /// <summary>nginx with an IP-hash group and a round-robin group over the same backends, on free ports, in its own folder.</summary>
    private sealed record NginxFront(IRunningLoadBalancer Balancer, int StickyPort, int RoundRobinPort, string RunFolder) : IAsyncDisposable
    {
        public static async Task<NginxFront> StartAsync(IReadOnlyList<int> backendPorts, string test)
        {
            var ports = FreePorts(2);
            var folder = NewRunFolder(test);
            var servers = backendPorts.Select(Loopback).ToList();
            UpstreamGroup[] groups =
            [
                new("sticky", Loopback(ports[0]), BalancingPolicy.IpHash, servers),
                new("roundrobin", Loopback(ports[1]), BalancingPolicy.RoundRobin, servers),
            ];
            var balancer = await new NginxLoadBalancerEngine().StartAsync(groups, new PassiveHealthOptions(), folder, Ct);
            return new NginxFront(balancer, ports[0], ports[1], folder);
        }

        public async ValueTask DisposeAsync()
        {
            await Balancer.DisposeAsync();
            NginxBackendsFixture.TryDelete(RunFolder);
        }
    }
}
