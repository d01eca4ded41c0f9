using System.Diagnostics;
using System.Net;
using SessionLab.Backend.Common;
using SessionLab.Experiments.Framework;
using SessionLab.Faults;
using SessionLab.IntegrationTests.Support;
using SessionLab.Topology;
using SessionLab.Topology.Clients;
using SessionLab.Topology.LoadBalancing;
using SessionLab.Topology.Stores.Cluster;

namespace SessionLab.IntegrationTests.Topology.Stores;

/// <summary>
/// <c>--redis cluster</c>, really run: the topology comes up with three primaries and three replicas; sessions on every
/// shard and a revocation made before one primary is killed -9 are served after its replica is promoted by the same
/// backends (never restarted); <c>/debug/sessions</c> lists every shard; the old primary rejoins as a replica;
/// nothing is left after.
/// </summary>
public sealed class ClusterTopologyTests
{
    private static readonly TimeSpan FailoverLimit = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cluster_KillPrimary_ReplicaPromoted_BackendsFollow_NothingLeftAfter()
    {
        RealEngines.Require("redis-server");
        RealEngines.Require("redis-cli");
        var runs = Directory.CreateTempSubdirectory("sessionlab-cluster-").FullName;
        var ports = LabPorts.FindFree(StorePorts);
        var options = new TopologyOptions { LoadBalancer = "yarp", Store = "cluster", Ports = ports, RunsDirectory = runs };
        var launcher = new TopologyLauncher(new EngineResolver(LoadBalancerEngines.All()).ResolveLoadBalancer("yarp"), EngineResolver.ResolveStore("cluster"));
        var pids = new List<ProcessStamp>();
        RunningTopology? topology = null;
        try
        {
            topology = await launcher.StartAsync(options, progress: null, Ct);
            var cluster = (ClusterStore)topology.Store;
            var faults = new FaultController(topology);
            var states = faults.Status();
            Assert.Equal(18, states.Count); // 6 Redis nodes, 9 backends, 3 balancers
            Assert.All(states, s => Assert.True(s.IsUp, $"{s.Component} is down"));
            Assert.Equal(3, states.Count(s => s.State.StartsWith("up, primary, slots ", StringComparison.Ordinal)));
            Assert.Equal(3, states.Count(s => s.State.StartsWith("up, replica of node-", StringComparison.Ordinal)));
            pids.AddRange(LabProcesses.Stamps(topology.Store.ProcessIds));
            var backendPids = topology.Backends.Select(b => b.ProcessId).ToList();

            // Users until every shard holds sessions: ids are random, so a fixed dozen can miss a shard (about 1 run in 40).
            var clients = new List<(HttpClient Client, string Session)>();
            var view = cluster.View()!;
            for (var i = 0; i < 60 && (i < 12 || clients.Select(c => view.ShardOf(HashSlot.Of($"session:{c.Session}"))!.Port).Distinct().Count() < 3); i++)
            {
                var client = SourceAddressClientFactory.Create(IPAddress.Loopback, topology.BalancerAddress(SchemeKind.Redis));
                clients.Add((client, Api.SessionIdOf(await client.LoginAsync($"cluster-user-{i}"))));
            }

            Assert.Equal(3, clients.Select(c => view.ShardOf(HashSlot.Of($"session:{c.Session}"))!.Port).Distinct().Count());
            using var jwt = SourceAddressClientFactory.Create(IPAddress.Loopback, topology.BalancerAddress(SchemeKind.Jwt));
            var token = await (await jwt.LoginAsync("carol")).TokenOfAsync();
            Assert.Equal(HttpStatusCode.OK, (await jwt.LogoutAsync(token)).StatusCode);
            using var lab = new LabRedis(topology.Store.Configuration, new ObservationRecorder());
            Assert.NotNull(await lab.GetAsync($"session:{clients[0].Session}"));
            Assert.True(await lab.CountKeysAsync("session:*") >= clients.Count);
            await Task.Delay(500, Ct); // asynchronous replication: let the replicas have the writes

            var killedName = cluster.PrimaryName!;
            var killed = await faults.KillStoreNodeAsync("primary");
            Assert.Contains($"{killedName} (primary, slots 0-", killed, StringComparison.Ordinal);

            var watch = Stopwatch.StartNew();
            while (cluster.ShardPrimaryOf(0) is null || cluster.ShardPrimaryOf(0) == killedName)
            {
                Assert.True(watch.Elapsed < FailoverLimit, "no replica took over the killed shard");
                await Task.Delay(200, Ct);
            }

            foreach (var (client, _) in clients)
            {
                Assert.Equal(HttpStatusCode.OK, await Eventually.StatusAsync(() => client.ProfileAsync(), HttpStatusCode.OK, FailoverLimit, Ct));
            }

            Assert.Equal(HttpStatusCode.Unauthorized, await Eventually.StatusAsync(() => jwt.ProfileAsync(token, "/profile-with-blacklist"), HttpStatusCode.Unauthorized, FailoverLimit, Ct));
            using var newcomer = SourceAddressClientFactory.Create(IPAddress.Loopback, topology.BalancerAddress(SchemeKind.Redis));
            Assert.Equal(HttpStatusCode.OK, (await newcomer.LoginAsync("dave")).StatusCode);
            Assert.Equal(backendPids, topology.Backends.Select(b => b.ProcessId).ToList());
            using var listing = await Eventually.SuccessAsync(() => clients[0].Client.GetAsync(new Uri(topology.BalancerAddress(SchemeKind.Redis), "/debug/sessions"), Ct), FailoverLimit, Ct);
            var listed = await listing.Content.ReadAsStringAsync(Ct);
            Assert.All(clients, c => Assert.Contains(c.Session, listed, StringComparison.Ordinal));

            Assert.Contains($"started redis/{killedName}", await faults.StartStoreNodeAsync(killedName, Ct), StringComparison.Ordinal);
            await cluster.WaitHealthyAsync(FailoverLimit, Ct);
            Assert.Contains(faults.Status(), s => s.Component == $"redis/{killedName}" && s.State.StartsWith("up, replica of node-", StringComparison.Ordinal));
            pids.AddRange(LabProcesses.Stamps(topology.Store.ProcessIds));
            foreach (var (client, _) in clients)
            {
                client.Dispose();
            }
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

    private static IEnumerable<int> StorePorts(TopologyPorts ports) => new ClusterEngine().Ports(ports);
}
