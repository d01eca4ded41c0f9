using SessionLab.Backend.Common;
using SessionLab.Topology.LoadBalancing;
using SessionLab.Topology.Stores;

namespace SessionLab.Topology;

/// <summary>The plan's whole system, up: a store, nine backends, three load-balanced fronts. Disposing it stops everything.</summary>
internal sealed class RunningTopology : IAsyncDisposable
{
    private readonly ProcessRegistry _registry;
    private readonly LabKeys _keys;
    private readonly IStoreEngine _storeEngine;
    private readonly ILoadBalancerEngine _balancerEngine;

    public RunningTopology(
        string runFolder,
        TopologyOptions options,
        IRunningStore store,
        IReadOnlyList<BackendNode> backends,
        IReadOnlyList<UpstreamGroup> groups,
        IRunningLoadBalancer loadBalancer,
        ProcessRegistry registry,
        LabKeys keys,
        IStoreEngine storeEngine,
        ILoadBalancerEngine balancerEngine)
    {
        _storeEngine = storeEngine;
        _balancerEngine = balancerEngine;
        RunFolder = runFolder;
        Options = options;
        Store = store;
        Backends = backends;
        Groups = groups;
        LoadBalancer = loadBalancer;
        _registry = registry;
        _keys = keys;
    }

    /// <summary>What the topology was started with.</summary>
    public TopologyOptions Options { get; }

    public TopologyPorts Ports => Options.Ports;

    public string RunFolder { get; }

    public IRunningStore Store { get; }

    public IReadOnlyList<BackendNode> Backends { get; }

    public IReadOnlyList<UpstreamGroup> Groups { get; }

    public IRunningLoadBalancer LoadBalancer { get; }

    /// <summary>The load balancer in front of a scheme's group (8080, 8090, 8100).</summary>
    public Uri BalancerAddress(SchemeKind scheme) => new($"http://127.0.0.1:{BalancerPort(scheme)}");

    public int BalancerPort(SchemeKind scheme) => scheme switch
    {
        SchemeKind.Sticky => Ports.StickyBalancer,
        SchemeKind.Redis => Ports.RedisBalancer,
        SchemeKind.AspNetSession => Ports.AspNetSessionBalancer,
        SchemeKind.JwtBearer => Ports.JwtBearerBalancer,
        _ => Ports.JwtBalancer,
    };

    public IEnumerable<BackendNode> BackendsOf(SchemeKind scheme) => Backends.Where(b => b.Scheme == scheme);

    /// <summary>A backend by name (<c>sticky/server-2</c>) or port (<c>8082</c>).</summary>
    public BackendNode FindBackend(string nameOrPort)
    {
        if (Backends.FirstOrDefault(b => b.Name.Equals(nameOrPort, StringComparison.OrdinalIgnoreCase)
            || b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) == nameOrPort) is { } backend)
        {
            return backend;
        }

        // "server-2" alone is what the plan's replies call a backend, but every group has one.
        var sameId = Backends.Where(b => b.ServerId.Equals(nameOrPort, StringComparison.OrdinalIgnoreCase)).Select(b => b.Name).ToList();
        throw new TopologyException(sameId.Count > 0
            ? $"No backend '{nameOrPort}': every group has one; name it with its group: {string.Join(", ", sameId)} (or its port)."
            : $"No backend '{nameOrPort}'. Known: {string.Join(", ", Backends.Select(b => $"{b.Name} ({b.Port})"))}.");
    }

    /// <summary>
    /// Starts one backend beside the topology, for one experiment: not behind a load balancer, on extra port
    /// <paramref name="index"/> (8131…), with the topology's settings and JWT key unless <paramref name="configure"/>
    /// changes them (a Redis-down policy, a store behind a proxy). The caller disposes it; a crashed lab's sweep finds it.
    /// </summary>
    public async Task<BackendNode> StartExtraBackendAsync(SchemeKind scheme, int index, string group, Func<BackendLaunch, BackendLaunch> configure, CancellationToken cancellationToken)
    {
        var port = Ports.ExtraBackend(index);
        TopologyLauncher.CheckPortsFree([port]);
        var launch = configure(TopologyLauncher.BackendTemplate(Options, scheme, Store.Configuration, _keys) with
        {
            ServerId = $"server-{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            Port = port,
        });
        var logs = Directory.CreateDirectory(Path.Combine(RunFolder, "backends")).FullName;
        var backend = new BackendNode(launch, Path.Combine(logs, $"{group}-{launch.ServerId}.log"), group);
        try
        {
            await backend.StartAsync(Options.ReadyTimeout, cancellationToken);
        }
        catch
        {
            await backend.DisposeAsync();
            throw;
        }

        Register(backend.ProcessId);
        return backend;
    }

    /// <summary>
    /// Starts one more load balancer of the topology's engine beside it, for one experiment: in front of the backends of
    /// <paramref name="scheme"/>'s group (the same processes the topology's balancer sends to), with
    /// <paramref name="policy"/> (e.g. cookie affinity beside the sticky group's <c>ip_hash</c>), listening on extra port
    /// <paramref name="index"/> (8131…, the range of extra backends: an experiment picks indices its backends do not
    /// use). Its config and logs go to <c>balancers/{name}/</c> in the run folder. The caller disposes it.
    /// </summary>
    public async Task<ExtraBalancer> StartExtraBalancerAsync(int index, string name, SchemeKind scheme, BalancingPolicy policy, CancellationToken cancellationToken)
    {
        var port = Ports.ExtraBackend(index);
        TopologyLauncher.CheckPortsFree([port]);
        var backends = Groups.Single(g => g.Name == SchemeNames.UpstreamOf(scheme)).Backends;
        var group = new UpstreamGroup(name, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port), policy, backends);
        var folder = Directory.CreateDirectory(Path.Combine(RunFolder, "balancers", name)).FullName;
        var running = await _balancerEngine.StartAsync([group], new PassiveHealthOptions(), folder, cancellationToken);
        if (running.ProcessId != Environment.ProcessId)
        {
            Register(running.ProcessId);
        }

        return new ExtraBalancer(group, running);
    }

    /// <summary>Whether experiments can start stores of their own (not beside an external Redis, which the lab only connects to).</summary>
    public bool CanStartStores => _storeEngine is not ExternalStoreEngine;

    /// <summary>
    /// Starts one more store of the topology's engine on extra port <paramref name="index"/> (6380…), for one experiment
    /// that needs a store it may configure (persistence) or kill without touching the plan's. The caller disposes it.
    /// </summary>
    public async Task<IRunningStore> StartExtraStoreAsync(int index, string name, StorePersistence persistence, CancellationToken cancellationToken)
    {
        var port = Ports.ExtraStore(index);
        TopologyLauncher.CheckPortsFree([port]);
        var store = await _storeEngine.SingleNodeEngine.StartAsync(new StoreInstance(port, RunFolder, Options.ReadyTimeout) { Name = name, Persistence = persistence, Ports = Ports }, cancellationToken);
        Register(store.ProcessId);
        return store;
    }

    /// <summary>
    /// The Sentinel group an experiment fails over: the topology's own when it runs <c>--redis sentinel</c> (null
    /// <c>Owned</c>: the caller must not dispose it), else a group of its own on the replicated store's ports, which the
    /// caller disposes. Throws <see cref="TopologyException"/> when redis-server or redis-sentinel is missing.
    /// </summary>
    public async Task<(IReplicatedStore Store, bool Owned)> SentinelGroupAsync(CancellationToken cancellationToken)
    {
        if (Store is Stores.Sentinel.SentinelStore own)
        {
            return (own, false);
        }

        var engine = new Stores.Sentinel.SentinelEngine();
        var availability = engine.CheckAvailability();
        if (!availability.IsAvailable)
        {
            throw new TopologyException(availability.Reason!);
        }

        TopologyLauncher.CheckPortsFree(engine.Ports(Ports));
        var store = (IReplicatedStore)await engine.StartAsync(new StoreInstance(Ports.Store, RunFolder, Options.ReadyTimeout) { Name = "sentinel-group", Ports = Ports }, cancellationToken);
        foreach (var pid in store.ProcessIds)
        {
            Register(pid);
        }

        return (store, true);
    }

    /// <summary>
    /// The Redis Cluster an experiment strikes: the topology's own when it runs <c>--redis cluster</c> (<c>Owned</c>
    /// false: the caller must not dispose it), else a cluster of its own on the cluster's ports, which the caller
    /// disposes. Throws <see cref="TopologyException"/> when redis-server or redis-cli is missing.
    /// </summary>
    public async Task<(Stores.Cluster.ClusterStore Store, bool Owned)> ClusterAsync(CancellationToken cancellationToken)
    {
        if (Store is Stores.Cluster.ClusterStore own)
        {
            return (own, false);
        }

        var engine = new Stores.Cluster.ClusterEngine();
        var availability = engine.CheckAvailability();
        if (!availability.IsAvailable)
        {
            throw new TopologyException(availability.Reason!);
        }

        TopologyLauncher.CheckPortsFree(engine.Ports(Ports));
        var store = (Stores.Cluster.ClusterStore)await engine.StartAsync(new StoreInstance(Ports.Store, RunFolder, Options.ReadyTimeout) { Name = "cluster-group", Ports = Ports }, cancellationToken);
        foreach (var pid in store.ProcessIds)
        {
            Register(pid);
        }

        return (store, true);
    }

    /// <summary>
    /// Writes a file an experiment's backends need (a users file) into the run folder, readable by this user only;
    /// returns its path.
    /// </summary>
    public string WriteRunFile(string name, string contents)
    {
        var path = Path.Combine(RunFolder, name);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, System.Text.Encoding.UTF8, options);
        writer.Write(contents);
        return path;
    }

    /// <summary>
    /// Every line of every file in the run folder that contains one of the run's keys or of <paramref name="secrets"/>:
    /// where a secret leaked into a log, named by its label, never by its value.
    /// </summary>
    public LogScan ScanLogsForSecrets(IEnumerable<(string Label, string Secret)> secrets)
    {
        (string Label, string Secret)[] all = [("the JWT key", _keys.Jwt), ("the session key", _keys.Session), .. secrets];
        var hits = new List<SecretInLog>();
        var files = 0;
        long lines = 0;
        foreach (var file in Directory.EnumerateFiles(RunFolder, "*", SearchOption.AllDirectories))
        {
            files++;
            var number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                hits.AddRange(all.Where(s => s.Secret.Length > 0 && line.Contains(s.Secret, StringComparison.Ordinal))
                    .Select(s => new SecretInLog(Path.GetRelativePath(RunFolder, file), number, s.Label)));
            }

            lines += number;
        }

        return new LogScan(files, lines, [.. all.Select(s => s.Label)], hits);
    }

    /// <summary>
    /// Starts a backend of this topology (one of its nine, or an experiment's extra) again, ready when its /health
    /// answers, and records its new pid for the orphan sweep: every start goes through here, so the registry is always right.
    /// </summary>
    public async Task StartBackendAsync(BackendNode backend, CancellationToken cancellationToken)
    {
        await backend.StartAsync(Options.ReadyTimeout, cancellationToken);
        Register(backend.ProcessId);
    }

    /// <summary>Starts a store of this topology (its own, or an experiment's extra) again and records its new pid.</summary>
    public async Task RestartStoreAsync(IRunningStore store, CancellationToken cancellationToken)
    {
        await store.RestartAsync(cancellationToken);
        foreach (var pid in store.ProcessIds)
        {
            Register(pid);
        }
    }

    /// <summary>Starts one member of a replicated store again (<c>redis start node-1</c>) and records its new pid.</summary>
    public async Task<string> StartStoreNodeAsync(IReplicatedStore store, string name, CancellationToken cancellationToken)
    {
        var started = await store.StartNodeAsync(name, cancellationToken);
        foreach (var pid in store.ProcessIds)
        {
            Register(pid);
        }

        return started;
    }

    /// <summary>Records a (re)started child so a later run can sweep it up if this lab dies without cleaning up.</summary>
    private void Register(int? processId) => _registry.Add(processId);

    public async ValueTask DisposeAsync()
    {
        // Front to back: stop taking traffic, then the backends, then the store.
        await LoadBalancer.DisposeAsync();
        await Task.WhenAll(Backends.Select(b => b.DisposeAsync().AsTask()));
        await Store.DisposeAsync();
        _registry.Clear();
    }
}
