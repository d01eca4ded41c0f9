using SessionLab.Backend.Common;
using SessionLab.Topology.LoadBalancing;
using SessionLab.Topology.Stores;

namespace SessionLab.Topology;

/// <summary>The plan's whole system, up: a store, nine backends, three load-balanced fronts. Disposing it stops everything.</summary>
internal sealed class RunningTopology : IAsyncDisposable
{
    private readonly ProcessRegistry _registry;

    public RunningTopology(
        string runFolder,
        TopologyPorts ports,
        IRunningStore store,
        IReadOnlyList<BackendNode> backends,
        IReadOnlyList<UpstreamGroup> groups,
        IRunningLoadBalancer loadBalancer,
        ProcessRegistry registry)
    {
        RunFolder = runFolder;
        Ports = ports;
        Store = store;
        Backends = backends;
        Groups = groups;
        LoadBalancer = loadBalancer;
        _registry = registry;
    }

    public string RunFolder { get; }

    public TopologyPorts Ports { get; }

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
    public BackendNode FindBackend(string nameOrPort) =>
        Backends.FirstOrDefault(b => b.Name.Equals(nameOrPort, StringComparison.OrdinalIgnoreCase)
            || b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) == nameOrPort)
        ?? throw new TopologyException($"No backend '{nameOrPort}'. Known: {string.Join(", ", Backends.Select(b => $"{b.Name} ({b.Port})"))}.");

    /// <summary>Records a (re)started child so a later run can sweep it up if this lab dies without cleaning up.</summary>
    internal void Register(int? processId) => _registry.Add(processId);

    public async ValueTask DisposeAsync()
    {
        // Front to back: stop taking traffic, then the backends, then the store.
        await LoadBalancer.DisposeAsync();
        await Task.WhenAll(Backends.Select(b => b.DisposeAsync().AsTask()));
        await Store.DisposeAsync();
        _registry.Clear();
    }
}
