using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SessionLab.IntegrationTests.Support;
using SessionLab.Topology;
using SessionLab.Topology.LoadBalancing;
using SessionLab.Topology.LoadBalancing.Yarp;
using SessionLab.Topology.Processes;

namespace SessionLab.IntegrationTests.Topology;

/// <summary>The embedded YARP load balancer in front of three real sticky backends, reached from distinct source addresses.</summary>
public sealed class YarpLoadBalancerTests(YarpLoadBalancerTests.BackendsFixture backends) : IClassFixture<YarpLoadBalancerTests.BackendsFixture>
{
    // One per /24, so nginx's ip_hash sees a different key for each.
    private static readonly IPAddress[] DistinctClients = [.. Enumerable.Range(1, 10).Select(n => IPAddress.Parse($"127.{n}.1.1"))];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartAsync_ThreeBackends_DescribesYarpInThisProcess()
    {
        await using var lb = await StartAsync(backends.Backends, BalancingPolicy.IpHash, out _);

        Assert.StartsWith("YARP 2.", lb.Description, StringComparison.Ordinal);
        Assert.Equal(Environment.ProcessId, lb.ProcessId);
    }

    [Fact]
    public async Task IpHash_TwentyRequestsFromOneSource_OneBackend()
    {
        await using var lb = await StartAsync(backends.Backends, BalancingPolicy.IpHash, out var port);
        using var client = YarpTestSupport.ClientFrom(IPAddress.Parse("127.7.1.1"));

        var seen = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            seen.Add(await YarpTestSupport.ServerIdAsync(client, port, Ct));
        }

        Assert.Single(seen.Distinct());
    }

    [Fact]
    public async Task IpHash_ClientsInDifferentSlash24s_SpreadOverBackends()
    {
        await using var lb = await StartAsync(backends.Backends, BalancingPolicy.IpHash, out var port);

        var seen = new HashSet<string>();
        foreach (var source in DistinctClients)
        {
            seen.Add(await YarpTestSupport.ServerIdFromAsync(source, port, Ct));
        }

        Assert.True(seen.Count > 1, $"all ten clients reached {string.Join(", ", seen)}");
    }

    [Fact]
    public async Task IpHash_ClientsInTheSameSlash24_OneBackend()
    {
        await using var lb = await StartAsync(backends.Backends, BalancingPolicy.IpHash, out var port);

        var seen = new HashSet<string>();
        for (var last = 1; last <= 10; last++)
        {
            seen.Add(await YarpTestSupport.ServerIdFromAsync(IPAddress.Parse($"127.5.5.{last}"), port, Ct));
        }

        Assert.Single(seen);
    }

    [Fact]
    public async Task IpHash_EachSource_ReachesTheBackendNginxIpHashPredicts()
    {
        await using var lb = await StartAsync(backends.Backends, BalancingPolicy.IpHash, out var port);

        foreach (var source in DistinctClients)
        {
            var expected = YarpProxyConfig.DestinationId(NginxIpHash.PickIndex(source, [true, true, true]));
            Assert.Equal(expected, await YarpTestSupport.ServerIdFromAsync(source, port, Ct));
        }
    }

    [Fact]
    public async Task IpHash_EachSource_ReachesTheSameBackendAsRealNginx()
    {
        var nginx = FindOnPath("nginx");
        Assert.SkipWhen(nginx is null, "nginx is not on PATH");

        await using var lb = await StartAsync(backends.Backends, BalancingPolicy.IpHash, out var yarpPort);
        var nginxPort = YarpTestSupport.FreePort();
        await using var nginxProcess = await StartNginxAsync(nginx, nginxPort, backends.Backends);

        foreach (var source in DistinctClients.Append(IPAddress.Parse("127.0.0.1")))
        {
            var viaNginx = await YarpTestSupport.ServerIdFromAsync(source, nginxPort, Ct);
            var viaYarp = await YarpTestSupport.ServerIdFromAsync(source, yarpPort, Ct);
            Assert.True(viaNginx == viaYarp, $"{source}: nginx chose {viaNginx}, YARP chose {viaYarp}");
        }
    }

    [Fact]
    public async Task RoundRobin_ThirtyRequests_EveryBackendAnswers()
    {
        await using var lb = await StartAsync(backends.Backends, BalancingPolicy.RoundRobin, out var port);
        using var client = YarpTestSupport.ClientFrom(IPAddress.Parse("127.9.9.1"));

        var counts = new Dictionary<string, int>();
        for (var i = 0; i < 30; i++)
        {
            var id = await YarpTestSupport.ServerIdAsync(client, port, Ct);
            counts[id] = counts.GetValueOrDefault(id) + 1;
        }

        Assert.Equal(["server-1", "server-2", "server-3"], counts.Keys.Order(StringComparer.Ordinal));
        Assert.All(counts.Values, n => Assert.Equal(10, n));
    }

    [Fact]
    public async Task IpHash_BackendKilled_ItsClientsMoveWhereNginxWouldAndOthersStay()
    {
        await using var own = await YarpTestBackends.StartAsync(3, Ct);
        await using var lb = await StartAsync(own, BalancingPolicy.IpHash, out var port);
        var before = new Dictionary<IPAddress, string>();
        foreach (var source in DistinctClients)
        {
            before[source] = await YarpTestSupport.ServerIdFromAsync(source, port, Ct);
        }

        // Kill the busiest backend, as experiment 1.3 does.
        var victim = before.Values.CountBy(id => id).MaxBy(pair => pair.Value).Key;
        var victimIndex = int.Parse(victim["server-".Length..], CultureInfo.InvariantCulture) - 1;
        await own.Processes[victimIndex].KillAsync();
        var available = new[] { true, true, true };
        available[victimIndex] = false;

        foreach (var source in DistinctClients)
        {
            using var client = YarpTestSupport.ClientFrom(source);
            var expected = before[source] == victim ? YarpProxyConfig.DestinationId(NginxIpHash.PickIndex(source, available)) : before[source];
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(expected, await YarpTestSupport.ServerIdAsync(client, port, Ct));
            }
        }
    }

    [Fact]
    public async Task RoundRobin_BackendKilled_EveryGetStillSucceeds()
    {
        await using var own = await YarpTestBackends.StartAsync(3, Ct);
        await using var lb = await StartAsync(own, BalancingPolicy.RoundRobin, out var port);
        using var client = YarpTestSupport.ClientFrom(IPAddress.Parse("127.8.1.1"));
        for (var i = 0; i < 6; i++)
        {
            await YarpTestSupport.ServerIdAsync(client, port, Ct);
        }

        await own.Processes[1].KillAsync();

        var seen = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            seen.Add(await YarpTestSupport.ServerIdAsync(client, port, Ct));
        }

        Assert.DoesNotContain("server-2", seen);
        Assert.Equal(["server-1", "server-3"], seen.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Routing_HostHeaderNamesAnotherPort_LocalPortDecides()
    {
        var hashPort = YarpTestSupport.FreePort();
        var soloPort = YarpTestSupport.FreePort();
        var b = backends.Backends.Endpoints;
        UpstreamGroup[] groups =
        [
            new("hashed", new IPEndPoint(IPAddress.Loopback, hashPort), BalancingPolicy.IpHash, b),
            new("solo", new IPEndPoint(IPAddress.Loopback, soloPort), BalancingPolicy.RoundRobin, [b[1]]),
        ];
        await using var lb = await new YarpLoadBalancerEngine().StartAsync(groups, new PassiveHealthOptions(), backends.Backends.Folder.FullName, Ct);
        var source = IPAddress.Parse("127.3.1.1");
        using var client = YarpTestSupport.ClientFrom(source);

        using var toHashed = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{hashPort}/health");
        toHashed.Headers.Host = $"127.0.0.1:{soloPort}";
        using var toSolo = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{soloPort}/health");
        toSolo.Headers.Host = "example";
        using var hashedReply = await client.SendAsync(toHashed, Ct);
        using var soloReply = await client.SendAsync(toSolo, Ct);

        var expected = YarpProxyConfig.DestinationId(NginxIpHash.PickIndex(source, [true, true, true]));
        Assert.NotEqual("server-2", expected);
        Assert.Contains($"\"server_id\":\"{expected}\"", await hashedReply.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("\"server_id\":\"server-2\"", await soloReply.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_PortInUse_ThrowsTopologyExceptionNamingThePort()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        UpstreamGroup[] groups = [new("sticky", new IPEndPoint(IPAddress.Loopback, port), BalancingPolicy.IpHash, backends.Backends.Endpoints)];

        var error = await Assert.ThrowsAsync<TopologyException>(() =>
            new YarpLoadBalancerEngine().StartAsync(groups, new PassiveHealthOptions(), backends.Backends.Folder.FullName, Ct));

        Assert.Contains(port.ToString(CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_AfterDispose_AreInTheAccessLog()
    {
        var folder = Directory.CreateTempSubdirectory("sessionlab-yarp-log-");
        try
        {
            var port = YarpTestSupport.FreePort();
            UpstreamGroup[] groups = [new("sticky", new IPEndPoint(IPAddress.Loopback, port), BalancingPolicy.IpHash, backends.Backends.Endpoints)];
            await using (await new YarpLoadBalancerEngine().StartAsync(groups, new PassiveHealthOptions(), folder.FullName, Ct))
            {
                await YarpTestSupport.ServerIdFromAsync(IPAddress.Parse("127.4.4.1"), port, Ct);
            }

            var log = await File.ReadAllTextAsync(Path.Combine(folder.FullName, "yarp.log"), Ct);
            Assert.Contains("127.4.4.1", log, StringComparison.Ordinal);
            Assert.Contains("\"GET /health HTTP/1.1\" 200 upstream=server-", log, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task SetInRotation_BackendOutThenIn_RoundRobinSkipsItThenReachesItAgain()
    {
        await using var lb = await StartAsync(backends.Backends, BalancingPolicy.RoundRobin, out var port);
        using var client = YarpTestSupport.ClientFrom(IPAddress.Parse("127.0.0.1"));

        await lb.SetInRotationAsync(backends.Backends.Endpoints[1], false, Ct);
        var during = await ServerIdsAsync(client, port, 30);
        await lb.SetInRotationAsync(backends.Backends.Endpoints[1], true, Ct);
        var after = await ServerIdsAsync(client, port, 30);

        Assert.Equal(["server-1", "server-3"], during.Distinct().Order(StringComparer.Ordinal));
        Assert.Contains("server-2", after);
    }

    [Fact]
    public async Task SetInRotation_IpHashBackendOut_OnlyItsClientsMoveAsNginxWould()
    {
        await using var lb = await StartAsync(backends.Backends, BalancingPolicy.IpHash, out var port);
        var before = new List<string>();
        foreach (var source in DistinctClients)
        {
            before.Add(await YarpTestSupport.ServerIdFromAsync(source, port, Ct));
        }

        var victimIndex = int.Parse(before[0]["server-".Length..], CultureInfo.InvariantCulture) - 1;
        await lb.SetInRotationAsync(backends.Backends.Endpoints[victimIndex], false, Ct);
        var during = new List<string>();
        foreach (var source in DistinctClients)
        {
            during.Add(await YarpTestSupport.ServerIdFromAsync(source, port, Ct));
        }

        await lb.SetInRotationAsync(backends.Backends.Endpoints[victimIndex], true, Ct);
        var after = new List<string>();
        foreach (var source in DistinctClients)
        {
            after.Add(await YarpTestSupport.ServerIdFromAsync(source, port, Ct));
        }

        bool[] available = [.. Enumerable.Range(0, 3).Select(i => i != victimIndex)];
        Assert.Equal(DistinctClients.Select(c => YarpProxyConfig.DestinationId(NginxIpHash.PickIndex(c, available))), during);
        Assert.All(Enumerable.Range(0, DistinctClients.Length).Where(i => before[i] != before[0]), i => Assert.Equal(before[i], during[i]));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task SetInRotation_UnknownBackend_Throws()
    {
        await using var lb = await StartAsync(backends.Backends, BalancingPolicy.RoundRobin, out _);

        await Assert.ThrowsAsync<TopologyException>(() => lb.SetInRotationAsync(new IPEndPoint(IPAddress.Loopback, 1), false, Ct));
    }

    private static async Task<List<string>> ServerIdsAsync(HttpClient client, int port, int count)
    {
        var seen = new List<string>();
        for (var i = 0; i < count; i++)
        {
            seen.Add(await YarpTestSupport.ServerIdAsync(client, port, Ct));
        }

        return seen;
    }

    private static Task<IRunningLoadBalancer> StartAsync(YarpTestBackends backends, BalancingPolicy policy, out int port)
    {
        port = YarpTestSupport.FreePort();
        UpstreamGroup[] groups = [new("sticky", new IPEndPoint(IPAddress.Loopback, port), policy, backends.Endpoints)];
        return new YarpLoadBalancerEngine().StartAsync(groups, new PassiveHealthOptions(), backends.Folder.FullName, Ct);
    }

    private static async Task<ManagedProcess> StartNginxAsync(string nginx, int port, YarpTestBackends backends)
    {
        var dir = backends.Folder.CreateSubdirectory($"nginx-{port}").FullName;
        var servers = string.Concat(backends.Endpoints.Select(e => $"    server {e};\n"));
        var config = $$"""
            worker_processes 1;
            pid {{dir}}/nginx.pid;
            error_log {{dir}}/error.log;
            events { worker_connections 64; }
            http {
              access_log {{dir}}/access.log;
              client_body_temp_path {{dir}}/client_body;
              proxy_temp_path {{dir}}/proxy;
              fastcgi_temp_path {{dir}}/fastcgi;
              uwsgi_temp_path {{dir}}/uwsgi;
              scgi_temp_path {{dir}}/scgi;
              upstream sticky {
                ip_hash;
            {{servers}}  }
              server {
                listen 127.0.0.1:{{port}};
                location / { proxy_pass http://sticky; }
              }
            }
            """;
        var configPath = Path.Combine(dir, "nginx.conf");
        await File.WriteAllTextAsync(configPath, config, Ct);
        var process = ManagedProcess.Start("nginx", new ProcessSpec(nginx, ["-p", dir, "-c", configPath, "-e", Path.Combine(dir, "error.log"), "-g", "daemon off;"]), Path.Combine(dir, "stdout.log"));
        try
        {
            await process.WaitUntilReadyAsync(
                async ct => (await YarpTestSupport.ServerIdFromAsync(IPAddress.Loopback, port, ct)).Length > 0,
                TimeSpan.FromSeconds(15),
                Ct);
            return process;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin")
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    /// <summary>Three sticky backends shared by the tests of this class; each test starts its own load balancer.</summary>
    public sealed class BackendsFixture : IAsyncLifetime
    {
        private YarpTestBackends? _backends;

        internal YarpTestBackends Backends => _backends ?? throw new InvalidOperationException("Not started.");

        public async ValueTask InitializeAsync() => _backends = await YarpTestBackends.StartAsync(3, TestContext.Current.CancellationToken);

        public async ValueTask DisposeAsync()
        {
            if (_backends is not null)
            {
                await _backends.DisposeAsync();
            }
        }
    }
}
