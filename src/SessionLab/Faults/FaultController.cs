using SessionLab.Topology;
using SessionLab.Topology.Stores;

namespace SessionLab.Faults;

/// <summary>
/// The faults the experiments inject, and the state they read: kill -9 a backend or the store, start either again.
/// Used by the experiments and by <c>sessionlab up</c>'s prompt alike.
/// </summary>
internal sealed class FaultController(RunningTopology topology)
{
    // Ports of backends taken out of the balancer's rotation through this controller, so status can say so.
    private readonly HashSet<int> _outOfRotation = [];

    public RunningTopology Topology => topology;

    /// <summary>
    /// How long a graceful restart waits between taking a backend out of the balancer's rotation and SIGTERM, so requests
    /// the balancer had already sent it (on kept-alive connections) finish first. Default 0.5 s.
    /// </summary>
    public TimeSpan RotationSettle { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>kill -9 of one backend process (<c>sticky/server-2</c> or <c>8082</c>).</summary>
    public async Task<string> KillBackendAsync(string nameOrPort)
    {
        var backend = topology.FindBackend(nameOrPort);
        var pid = backend.ProcessId;
        await backend.KillAsync();
        return pid is null ? $"{backend.Name} was not running" : $"killed {backend.Name} (pid {pid}) with SIGKILL";
    }

    /// <summary>SIGTERM: a graceful stop of one backend.</summary>
    public async Task<string> StopBackendAsync(string nameOrPort)
    {
        var backend = topology.FindBackend(nameOrPort);
        if (!backend.IsRunning)
        {
            return $"{backend.Name} was not running";
        }

        await backend.StopAsync();
        return $"stopped {backend.Name} with SIGTERM";
    }

    public async Task<string> StartBackendAsync(string nameOrPort, CancellationToken cancellationToken)
    {
        var backend = topology.FindBackend(nameOrPort);
        if (backend.IsRunning)
        {
            return $"{backend.Name} is already running (pid {backend.ProcessId})";
        }

        await topology.StartBackendAsync(backend, cancellationToken);
        return $"started {backend.Name} (pid {backend.ProcessId})";
    }

    /// <summary>Takes one backend out of the load balancer's rotation: no new request goes to it; it keeps running.</summary>
    public async Task<string> RemoveFromRotationAsync(string nameOrPort, CancellationToken cancellationToken)
    {
        var backend = topology.FindBackend(nameOrPort);
        lock (_outOfRotation)
        {
            if (_outOfRotation.Contains(backend.Port))
            {
                return $"{backend.Name} is already out of the load balancer's rotation";
            }
        }

        await topology.LoadBalancer.SetInRotationAsync(BalancedEndPoint(backend), false, cancellationToken);
        lock (_outOfRotation)
        {
            _outOfRotation.Add(backend.Port);
        }

        return $"took {backend.Name} out of the load balancer's rotation";
    }

    /// <summary>Puts a backend taken out by <see cref="RemoveFromRotationAsync"/> back into the load balancer's rotation.</summary>
    public async Task<string> ReturnToRotationAsync(string nameOrPort, CancellationToken cancellationToken)
    {
        var backend = topology.FindBackend(nameOrPort);
        lock (_outOfRotation)
        {
            if (!_outOfRotation.Contains(backend.Port))
            {
                return $"{backend.Name} is already in the load balancer's rotation";
            }
        }

        await topology.LoadBalancer.SetInRotationAsync(BalancedEndPoint(backend), true, cancellationToken);
        lock (_outOfRotation)
        {
            _outOfRotation.Remove(backend.Port);
        }

        return $"put {backend.Name} back into the load balancer's rotation";
    }

    /// <summary>
    /// The first half of a graceful restart as deployments do it: out of rotation, wait <paramref name="settle"/>
    /// (default <see cref="RotationSettle"/>) for requests already sent to it, then SIGTERM. A balancer with passive
    /// health checks only cannot know a backend is stopping; told beforehand, it sends it nothing that could fail.
    /// </summary>
    public async Task<string> DrainAndStopBackendAsync(string nameOrPort, CancellationToken cancellationToken, TimeSpan? settle = null)
    {
        var wait = settle ?? RotationSettle;
        var removed = await RemoveFromRotationAsync(nameOrPort, cancellationToken);
        await Task.Delay(wait, cancellationToken);
        var stopped = await StopBackendAsync(nameOrPort);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{removed}, waited {wait.TotalSeconds:0.###} s, {stopped}");
    }

    /// <summary>The second half: start the backend (ready when its /health answers), then back into rotation.</summary>
    public async Task<string> StartAndReturnBackendAsync(string nameOrPort, CancellationToken cancellationToken)
    {
        var started = await StartBackendAsync(nameOrPort, cancellationToken);
        var returned = await ReturnToRotationAsync(nameOrPort, cancellationToken);
        return $"{started}, {returned}";
    }

    /// <summary>A whole graceful restart: out of rotation, settle, SIGTERM, start, back into rotation.</summary>
    public async Task<string> RestartBackendGracefullyAsync(string nameOrPort, CancellationToken cancellationToken) =>
        $"{await DrainAndStopBackendAsync(nameOrPort, cancellationToken)}; {await StartAndReturnBackendAsync(nameOrPort, cancellationToken)}";

    /// <summary>SIGKILL to the store (kill -9, never a graceful stop): everything in it is lost without persistence, as in experiment 2.3. The <c>redis stop</c> command asks for it.</summary>
    public async Task<string> KillStoreAsync()
    {
        RequireControllableStore();
        if (topology.Store is IReplicatedStore replicated)
        {
            return await replicated.KillNodeAsync("primary");
        }

        var pid = topology.Store.ProcessId;
        if (pid is null)
        {
            return $"{topology.Store.Description} was not running (nothing to kill); `redis start` starts it";
        }

        await topology.Store.KillAsync();
        return $"killed {topology.Store.Description} (pid {pid}) with SIGKILL";
    }

    public async Task<string> StartStoreAsync(CancellationToken cancellationToken)
    {
        RequireControllableStore();
        if (topology.Store is IReplicatedStore replicated)
        {
            var down = replicated.Nodes().Where(n => !n.IsRunning).Select(n => n.Name).ToList();
            if (down.Count == 0)
            {
                return $"every node of {replicated.Description} is already running";
            }

            await topology.RestartStoreAsync(replicated, cancellationToken);
            return $"started redis/{string.Join(", redis/", down)} again";
        }

        if (topology.Store.IsRunning)
        {
            return $"{topology.Store.Description} is already running (pid {topology.Store.ProcessId})";
        }

        await topology.RestartStoreAsync(topology.Store, cancellationToken);
        return $"started {topology.Store.Description} (pid {topology.Store.ProcessId})";
    }

    /// <summary>kill -9 of one member of a replicated store: <c>primary</c>, <c>replica</c>, <c>node-2</c>, <c>sentinel-1</c> (<c>redis kill NODE</c>).</summary>
    public async Task<string> KillStoreNodeAsync(string name) => await ReplicatedStore().KillNodeAsync(name);

    /// <summary>Starts one member of a replicated store again (<c>redis start NODE</c>).</summary>
    public async Task<string> StartStoreNodeAsync(string name, CancellationToken cancellationToken) =>
        await topology.StartStoreNodeAsync(ReplicatedStore(), name, cancellationToken);

    /// <summary>
    /// kill -9 of a store an experiment started beside the topology, then starting it again (for persistence): the
    /// same fault as <see cref="KillStoreAsync"/>, on another store. Returns what happened and how long the restart took.
    /// </summary>
    public async Task<(string Description, TimeSpan Restart)> KillAndRestartStoreAsync(IRunningStore store, string name, CancellationToken cancellationToken)
    {
        var pid = store.ProcessId;
        await store.KillAsync();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await topology.RestartStoreAsync(store, cancellationToken);
        var restart = watch.Elapsed;
        return ($"{name}: killed {store.Description} (pid {pid}) with SIGKILL and started it again (pid {store.ProcessId}) in {restart.TotalMilliseconds:0} ms", restart);
    }

    /// <summary>Every part, with its address, engine, pid and state (up, down, unreachable, out of the balancer's rotation).</summary>
    public IReadOnlyList<ComponentState> Status()
    {
        var store = topology.Store;
        // An external store has no process of ours: "down" would claim the lab stopped it; it is unreachable.
        var storeState = store.IsRunning ? "up" : store.CanBeControlled ? "down" : "unreachable";
        var states = new List<ComponentState>();
        if (store is IReplicatedStore replicated)
        {
            // Every node and Sentinel, with the role the Sentinels give it: a failover moves "primary" without the lab.
            states.AddRange(replicated.Nodes().Select(n => new ComponentState(
                $"redis/{n.Name}",
                $"127.0.0.1:{n.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
                n.Engine,
                n.ProcessId,
                n.IsRunning,
                $"{(n.IsRunning ? "up" : "down")}{(n.Role == "sentinel" ? string.Empty : $", {n.Role}")}")));
        }
        else
        {
            states.Add(new("store", store.CanBeControlled ? store.Configuration : SessionLab.Topology.Stores.ExternalStoreEngine.Redacted(store.Configuration), store.Description, store.ProcessId, store.IsRunning, storeState));
        }

        int[] outOfRotation;
        lock (_outOfRotation)
        {
            outOfRotation = [.. _outOfRotation];
        }

        states.AddRange(topology.Backends.Select(b =>
            new ComponentState(
                b.Name,
                $"127.0.0.1:{b.Port}",
                $"sessionlab serve {SessionLab.Topology.Processes.SelfLauncher.Version.Split('+')[0]}",
                b.ProcessId,
                b.IsRunning,
                (b.IsRunning ? "up" : "down") + (outOfRotation.Contains(b.Port) ? ", out of rotation" : string.Empty))));
        states.AddRange(topology.Groups.Select(g =>
            new ComponentState($"lb/{g.Name}", g.Listen.ToString(), $"{topology.LoadBalancer.Description} ({(g.Policy switch { SessionLab.Topology.LoadBalancing.BalancingPolicy.IpHash => "ip_hash", SessionLab.Topology.LoadBalancing.BalancingPolicy.CookieAffinity => "cookie affinity", _ => "round robin" })})", topology.LoadBalancer.ProcessId, true, "up")));
        return states;
    }

    /// <summary>The address the load balancer knows the backend by (an extra backend of an experiment may have none).</summary>
    private System.Net.IPEndPoint BalancedEndPoint(BackendNode backend) =>
        topology.Groups.SelectMany(g => g.Backends).FirstOrDefault(e => e.Port == backend.Port)
        ?? throw new TopologyException($"{backend.Name} is not behind the load balancer.");

    private IReplicatedStore ReplicatedStore() =>
        topology.Store as IReplicatedStore
        ?? throw new TopologyException($"The store is {topology.Store.Description}, a single process: `redis stop` and `redis start` control it; node names need --redis sentinel or --redis cluster.");

    private void RequireControllableStore()
    {
        if (!topology.Store.CanBeControlled)
        {
            throw new TopologyException($"The store is {topology.Store.Description}: the lab does not control it.");
        }
    }
}

/// <summary>One row of the components table; <see cref="State"/> is what a person reads ("up, out of rotation").</summary>
internal sealed record ComponentState(string Component, string Address, string Engine, int? ProcessId, bool IsUp, string State);
