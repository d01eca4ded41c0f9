using System.Diagnostics;
using System.Net;
using SessionLab.Backend.Common;
using SessionLab.Experiments.Framework;
using SessionLab.Faults;
using SessionLab.IntegrationTests.Support;
using SessionLab.Topology;
using SessionLab.Topology.Clients;
using SessionLab.Topology.LoadBalancing;
using SessionLab.Topology.Stores;

namespace SessionLab.IntegrationTests.Topology.Stores;

/// <summary>
/// <c>--redis sentinel</c>, really run: the topology comes up with a primary, two replicas and three Sentinels; a
/// session and a revocation made before the primary is killed -9 are served after the failover by the same backends
/// (never restarted) and read by the lab's own client; the old primary rejoins as a replica; nothing is left after.
/// </summary>
public sealed class SentinelTopologyTests
{
    private static readonly TimeSpan FailoverLimit = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sentinel_KillPrimary_BackendsAndLabClientFollowTheNewPrimary_NothingLeftAfter()
    {
        RealEngines.Require("redis-server");
        RealEngines.Require("redis-sentinel");
        var runs = Directory.CreateTempSubdirectory("sessionlab-sentinel-").FullName;
        var ports = LabPorts.FindFree(StorePorts);
        var options = new TopologyOptions { LoadBalancer = "yarp", Store = "sentinel", Ports = ports, RunsDirectory = runs };
        var launcher = new TopologyLauncher(new EngineResolver(LoadBalancerEngines.All()).ResolveLoadBalancer("yarp"), EngineResolver.ResolveStore("sentinel"));
        var pids = new List<ProcessStamp>();
        RunningTopology? topology = null;
        try
        {
            topology = await launcher.StartAsync(options, progress: null, Ct);
            var faults = new FaultController(topology);
            var states = faults.Status();
            Assert.Equal(18, states.Count); // 6 Redis processes, 9 backends, 3 balancers
            Assert.All(states, s => Assert.True(s.IsUp, $"{s.Component} is down"));
            Assert.Contains(states, s => s.Component == "redis/node-1" && s.State == "up, primary");
            pids.AddRange(LabProcesses.Stamps(topology.Store.ProcessIds));
            pids.AddRange(LabProcesses.Stamps(topology.Backends.Select(b => b.ProcessId).OfType<int>()));
            var backendPids = topology.Backends.Select(b => b.ProcessId).ToList();

            using var redis = SourceAddressClientFactory.Create(IPAddress.Loopback, topology.BalancerAddress(SchemeKind.Redis));
            var session = Api.SessionIdOf(await redis.LoginAsync("bob"));
            using var jwt = SourceAddressClientFactory.Create(IPAddress.Loopback, topology.BalancerAddress(SchemeKind.Jwt));
            var token = await (await jwt.LoginAsync("carol")).TokenOfAsync();
            Assert.Equal(HttpStatusCode.OK, (await jwt.LogoutAsync(token)).StatusCode);
            using var lab = new LabRedis(topology.Store.Configuration, new ObservationRecorder());
            Assert.NotNull(await lab.GetAsync($"session:{session}"));
            await Task.Delay(500, Ct); // asynchronous replication: let the replicas have both writes

            var killed = await faults.KillStoreNodeAsync("primary");
            Assert.Contains("node-1 (primary", killed, StringComparison.Ordinal);

            var watch = Stopwatch.StartNew();
            while (((IReplicatedStore)topology.Store).PrimaryName is null or "node-1")
            {
                Assert.True(watch.Elapsed < FailoverLimit, "the Sentinels promoted no replica");
                await Task.Delay(200, Ct);
            }

            Assert.Equal(HttpStatusCode.OK, await Eventually.StatusAsync(() => redis.ProfileAsync(), HttpStatusCode.OK, FailoverLimit, Ct));
            Assert.Equal(HttpStatusCode.Unauthorized, await Eventually.StatusAsync(() => jwt.ProfileAsync(token, "/profile-with-blacklist"), HttpStatusCode.Unauthorized, FailoverLimit, Ct));
            using var newcomer = SourceAddressClientFactory.Create(IPAddress.Loopback, topology.BalancerAddress(SchemeKind.Redis));
            Assert.Equal(HttpStatusCode.OK, (await newcomer.LoginAsync("dave")).StatusCode);
            Assert.True(await lab.WaitUntilAnsweringAsync(FailoverLimit, Ct));
            Assert.NotNull(await lab.GetAsync($"session:{session}"));
            Assert.Equal(backendPids, topology.Backends.Select(b => b.ProcessId).ToList());

            Assert.Contains("started redis/node-1", await faults.StartStoreNodeAsync("node-1", Ct), StringComparison.Ordinal);
            await ((IReplicatedStore)topology.Store).WaitHealthyAsync(FailoverLimit, Ct);
            Assert.Contains(faults.Status(), s => s.Component == "redis/node-1" && s.State == "up, replica");
            pids.AddRange(LabProcesses.Stamps(topology.Store.ProcessIds));
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
        Assert.All(StorePorts(ports), port => Assert.False(LabPorts.IsListening(port), $"port {port} still listening"));
    }

    private static IEnumerable<int> StorePorts(TopologyPorts ports) => new SessionLab.Topology.Stores.Sentinel.SentinelEngine().Ports(ports);
}
