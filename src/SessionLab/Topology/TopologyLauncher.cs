using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SessionLab.Backend.Common;
using SessionLab.Topology.LoadBalancing;
using SessionLab.Topology.Processes;
using SessionLab.Topology.Stores;

namespace SessionLab.Topology;

/// <summary>
/// Brings the <see cref="TopologyPlan"/> up, in order: pre-flight (orphans, ports) → store → backends → load balancers →
/// readiness. Any failure stops whatever was started and names the cause.
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

        var plan = TopologyPlan.For(options.Ports, options.IncludeBaselines, options.StickyAffinity);
        var managesStore = storeEngine is not ExternalStoreEngine;
        CheckPortsFree(plan.Ports(includeStore: false).Concat(managesStore ? storeEngine.Ports(options.Ports) : []));

        var runFolder = CreateRunFolder(options.RunsDirectory);
        var registry = new ProcessRegistry(runFolder);
        progress?.Report($"run folder {runFolder}");

        IRunningStore? store = null;
        var backends = new List<BackendNode>();
        IRunningLoadBalancer? balancer = null;
        try
        {
            progress?.Report($"starting the store ({storeEngine.Name})");
            store = await storeEngine.StartAsync(new StoreInstance(options.Ports.Store, runFolder, options.ReadyTimeout) { Ports = options.Ports }, cancellationToken);
            foreach (var pid in store.ProcessIds)
            {
                registry.Add(pid);
            }

            progress?.Report($"starting {plan.BackendCount} backends");
            // One key per run, shared by the JWT backends.
            var keys = LabKeys.Generate();
            backends.AddRange(CreateBackends(plan, options, store.Configuration, keys, runFolder));
            await Task.WhenAll(backends.Select(b => b.StartAsync(options.ReadyTimeout, cancellationToken)));
            foreach (var backend in backends)
            {
                registry.Add(backend.ProcessId);
            }

            IReadOnlyList<UpstreamGroup> groups = [.. plan.Groups.Select(g => g.Upstream())];
            progress?.Report($"starting the load balancers ({balancerEngine.Name})");
            balancer = await balancerEngine.StartAsync(groups, new PassiveHealthOptions(), runFolder, cancellationToken);
            if (balancer.ProcessId != Environment.ProcessId)
            {
                registry.Add(balancer.ProcessId);
            }

            await WaitForBalancersAsync(groups, options.ReadyTimeout, cancellationToken);
            return new RunningTopology(runFolder, options, store, backends, groups, balancer, registry, keys, storeEngine, balancerEngine);
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

    private static string CreateRunFolder(string runsDirectory)
    {
        try
        {
            return Directory.CreateDirectory(Path.Combine(runsDirectory, DateTime.Now.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture))).FullName;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TopologyException($"Cannot create a run folder under {runsDirectory} ({e.Message}); choose another with --runs-dir.");
        }
    }

    /// <summary>The upstream groups the plan gives a load-balancer engine.</summary>
    internal static IReadOnlyList<UpstreamGroup> CreateGroups(TopologyPorts ports, bool includeBaselines = false) =>
        [.. TopologyPlan.For(ports, includeBaselines).Groups.Select(g => g.Upstream())];

    private static IEnumerable<BackendNode> CreateBackends(TopologyPlan plan, TopologyOptions options, string storeConfiguration, LabKeys keys, string runFolder)
    {
        var logs = Directory.CreateDirectory(Path.Combine(runFolder, "backends")).FullName;
        foreach (var group in plan.Groups)
        {
            for (var i = 0; i < group.BackendPorts.Count; i++)
            {
                var launch = BackendTemplate(options, group.Scheme, storeConfiguration, keys) with
                {
                    ServerId = $"server-{(i + 1).ToString(CultureInfo.InvariantCulture)}",
                    Port = group.BackendPorts[i],
                };
                yield return new BackendNode(launch, Path.Combine(logs, $"{SchemeNames.Of(group.Scheme)}-{launch.ServerId}.log"));
            }
        }
    }

    /// <summary>A backend of <paramref name="scheme"/> with the topology's settings; the caller sets its id and port.</summary>
    internal static BackendLaunch BackendTemplate(TopologyOptions options, SchemeKind scheme, string storeConfiguration, LabKeys keys) =>
        new(scheme, "server-1", 0, storeConfiguration, keys)
        {
            SessionTtl = scheme is SchemeKind.Redis or SchemeKind.AspNetSession ? options.RedisSessionTtl ?? options.SessionTtl : options.SessionTtl,
            JwtLifetime = options.JwtLifetime,
            Revocation = options.Revocation,
            ThrottleExemptNetworks = options.ThrottleExemptNetworks,
        };

    /// <summary>Throws naming the owner of every port in <paramref name="ports"/> that is already taken.</summary>
    internal static void CheckPortsFree(IEnumerable<int> ports)
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
