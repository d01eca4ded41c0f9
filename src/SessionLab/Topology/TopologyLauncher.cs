using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using SessionLab.Backend.Common;
using SessionLab.Backend.Jwt;
using SessionLab.Topology.LoadBalancing;
using SessionLab.Topology.Processes;
using SessionLab.Topology.Stores;

namespace SessionLab.Topology;

/// <summary>
/// Brings the plan's topology up, in order: pre-flight (orphans, ports) → store → nine backends → load balancers → readiness.
/// Any failure stops whatever was started and names the cause.
/// </summary>
internal sealed class TopologyLauncher(ILoadBalancerEngine balancerEngine, IStoreEngine storeEngine)
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };

    public async Task<RunningTopology> StartAsync(TopologyOptions options, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        foreach (var swept in ProcessRegistry.SweepOrphans(options.RunsDirectory))
        {
            progress?.Report($"stopped an orphan from an earlier run: {swept}");
        }

        var managesStore = storeEngine is not ExternalStoreEngine;
        CheckPortsFree(options.Ports.All(managesStore, options.IncludeBaselines));

        var runFolder = Directory.CreateDirectory(Path.Combine(options.RunsDirectory, DateTime.Now.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture))).FullName;
        var registry = new ProcessRegistry(runFolder);
        progress?.Report($"run folder {runFolder}");

        IRunningStore? store = null;
        var backends = new List<BackendNode>();
        IRunningLoadBalancer? balancer = null;
        try
        {
            progress?.Report($"starting the store ({storeEngine.Name})");
            store = await storeEngine.StartAsync(new StoreInstance(options.Ports.Store, runFolder, options.ReadyTimeout), cancellationToken);
            registry.Add(store.ProcessId);

            progress?.Report($"starting {(options.IncludeBaselines ? 15 : 9)} backends");
            backends.AddRange(CreateBackends(options, store.Configuration, runFolder));
            await Task.WhenAll(backends.Select(b => b.StartAsync(options.ReadyTimeout, cancellationToken)));
            foreach (var backend in backends)
            {
                registry.Add(backend.ProcessId);
            }

            var groups = CreateGroups(options.Ports, options.IncludeBaselines);
            progress?.Report($"starting the load balancers ({balancerEngine.Name})");
            balancer = await balancerEngine.StartAsync(groups, new PassiveHealthOptions(), runFolder, cancellationToken);
            if (balancer.ProcessId != Environment.ProcessId)
            {
                registry.Add(balancer.ProcessId);
            }

            await WaitForBalancersAsync(groups, options.ReadyTimeout, cancellationToken);
            return new RunningTopology(runFolder, options.Ports, store, backends, groups, balancer, registry);
        }
        catch
        {
            if (balancer is not null)
            {
                await balancer.DisposeAsync();
            }

            await Task.WhenAll(backends.Select(b => b.DisposeAsync().AsTask()));
            if (store is not null)
            {
                await store.DisposeAsync();
            }

            registry.Clear();
            throw;
        }
    }

    internal static IReadOnlyList<UpstreamGroup> CreateGroups(TopologyPorts ports, bool includeBaselines = false)
    {
        UpstreamGroup Group(string name, int balancer, BalancingPolicy policy) => new(
            name,
            new IPEndPoint(IPAddress.Loopback, balancer),
            policy,
            [.. Enumerable.Range(1, 3).Select(i => new IPEndPoint(IPAddress.Loopback, TopologyPorts.Backend(balancer, i)))]);

        List<UpstreamGroup> groups =
        [
            Group("sticky", ports.StickyBalancer, BalancingPolicy.IpHash),
            Group("redis", ports.RedisBalancer, BalancingPolicy.RoundRobin),
            Group("jwt", ports.JwtBalancer, BalancingPolicy.RoundRobin),
        ];
        if (includeBaselines)
        {
            groups.Add(Group("aspnet_session", ports.AspNetSessionBalancer, BalancingPolicy.RoundRobin));
            groups.Add(Group("jwt_bearer", ports.JwtBearerBalancer, BalancingPolicy.RoundRobin));
        }

        return groups;
    }

    private static IEnumerable<BackendNode> CreateBackends(TopologyOptions options, string storeConfiguration, string runFolder)
    {
        // One key per run, shared by the three JWT backends, passed in the environment so it never shows in `ps`.
        var jwtKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var logs = Directory.CreateDirectory(Path.Combine(runFolder, "backends")).FullName;
        List<(SchemeKind Scheme, int Balancer)> groups = [(SchemeKind.Sticky, options.Ports.StickyBalancer), (SchemeKind.Redis, options.Ports.RedisBalancer), (SchemeKind.Jwt, options.Ports.JwtBalancer)];
        if (options.IncludeBaselines)
        {
            groups.Add((SchemeKind.AspNetSession, options.Ports.AspNetSessionBalancer));
            groups.Add((SchemeKind.JwtBearer, options.Ports.JwtBearerBalancer));
        }

        foreach (var (scheme, balancer) in groups)
        {
            for (var i = 1; i <= 3; i++)
            {
                var port = TopologyPorts.Backend(balancer, i);
                var schemeName = SchemeNames.Of(scheme);
                var spec = SelfLauncher.Command(
                [
                    "serve", "--scheme", schemeName, "--port", port.ToString(CultureInfo.InvariantCulture),
                    "--server-id", $"server-{i.ToString(CultureInfo.InvariantCulture)}",
                    "--redis", storeConfiguration,
                    "--session-ttl", (scheme is SchemeKind.Redis or SchemeKind.AspNetSession ? options.RedisSessionTtl ?? options.SessionTtl : options.SessionTtl).ToString("c", CultureInfo.InvariantCulture),
                    "--jwt-lifetime", options.JwtLifetime.ToString("c", CultureInfo.InvariantCulture),
                    "--revocation", options.Revocation == RevocationMode.On ? "on" : "off",
                    "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
                ]) with
                {
                    Environment = new Dictionary<string, string> { [$"{Backend.BackendApp.EnvironmentPrefix}Jwt__Key"] = jwtKey },
                };
                yield return new BackendNode(scheme, i, port, spec, Path.Combine(logs, $"{schemeName}-server-{i.ToString(CultureInfo.InvariantCulture)}.log"));
            }
        }
    }

    private static void CheckPortsFree(IEnumerable<int> ports)
    {
        var busy = new List<string>();
        foreach (var port in ports)
        {
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
            }
            catch (SocketException)
            {
                busy.Add($"{port.ToString(CultureInfo.InvariantCulture)} (used by {ProcFs.ListenerOf(port) ?? "another process"})");
            }
        }

        if (busy.Count > 0)
        {
            throw new TopologyException($"Port{(busy.Count > 1 ? "s" : string.Empty)} already in use: {string.Join(", ", busy)}. Stop that, or shift the lab with --port-offset.");
        }
    }

    private static async Task WaitForBalancersAsync(IReadOnlyList<UpstreamGroup> groups, TimeSpan timeout, CancellationToken cancellationToken)
    {
        foreach (var group in groups)
        {
            var health = new Uri($"http://{group.Listen}/health");
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                try
                {
                    if ((await Probe.GetAsync(health, cancellationToken)).IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    // Not answering yet.
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TopologyException($"The {group.Name} load balancer on {group.Listen} did not answer /health within {timeout.TotalSeconds:0} s.");
                }

                await Task.Delay(100, cancellationToken);
            }
        }
    }
}
