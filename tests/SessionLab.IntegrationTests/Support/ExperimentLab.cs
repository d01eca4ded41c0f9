using SessionLab.Experiments.Framework;
using SessionLab.Faults;
using SessionLab.Reporting.Model;
using SessionLab.Topology;
using SessionLab.Topology.LoadBalancing;
using SessionLab.Topology.Processes;

namespace SessionLab.IntegrationTests.Support;

/// <summary>
/// One real topology for a test class (YARP + Garnet on free ports, quick settings), on which experiments run through the
/// real runner. Disposed with nothing left: no child process alive, nothing listening on the lab's ports.
/// </summary>
public class ExperimentLab : IAsyncLifetime
{
    private readonly string _runs = Directory.CreateTempSubdirectory("sessionlab-experiments-").FullName;
    private readonly HashSet<ProcessStamp> _children = [];
    private TopologyOptions _options = new();
    private RunningTopology? _topology;
    private FaultController? _faults;
    private string? _missingEngine;

    internal virtual ExperimentSettings Settings { get; } = new(Quick: true);

    /// <summary>The load-balancer engine (<c>yarp</c>, or <c>nginx</c> for the system engine set).</summary>
    protected virtual string LoadBalancer => "yarp";

    /// <summary>The store engine (<c>garnet</c>, or <c>system</c> for redis-server).</summary>
    protected virtual string Store => "garnet";

    /// <summary>Whether the ASP.NET Core baseline groups run too (the performance group needs them).</summary>
    protected virtual bool IncludeBaselines => false;

    internal RunningTopology Topology => _topology ?? throw new InvalidOperationException("The topology is not up.");

    public async ValueTask InitializeAsync()
    {
        _options = new TopologyOptions
        {
            LoadBalancer = LoadBalancer,
            Store = Store,
            Ports = LabPorts.FindFree(),
            RunsDirectory = _runs,
            RedisSessionTtl = Settings.RedisSessionTtl,
            IncludeBaselines = IncludeBaselines,
        };
        _missingEngine = new[] { LoadBalancer == "nginx" ? "nginx" : null, Store == "system" ? "redis-server" : null }
            .OfType<string>().FirstOrDefault(program => RealEngines.Find(program) is null);
        if (_missingEngine is not null)
        {
            // Each test skips (or, with SESSIONLAB_REQUIRE_REAL=1, fails) in RunAsync.
            return;
        }

        var launcher = new TopologyLauncher(new EngineResolver(LoadBalancerEngines.All()).ResolveLoadBalancer(_options.LoadBalancer), EngineResolver.ResolveStore(_options.Store));
        _topology = await launcher.StartAsync(_options, progress: null, TestContext.Current.CancellationToken);
        _faults = new FaultController(_topology);
        RememberPids();
    }

    /// <summary>Runs one experiment and requires that it completed (its verdicts are not the test's business).</summary>
    internal async Task<ExperimentResult> RunAsync(IExperiment experiment)
    {
        if (_missingEngine is not null)
        {
            RealEngines.Require(_missingEngine);
        }

        var runner = new ExperimentRunner(Topology, _faults!, Settings, new SilentProgress());
        var result = Assert.Single(await runner.RunAsync([experiment], completed: null, TestContext.Current.CancellationToken));
        RememberPids();
        Assert.True(result.Status == ExperimentStatus.Completed, $"{result.Id} failed: {result.Failure}");
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_topology is not null)
        {
            RememberPids();
            await _topology.DisposeAsync();
        }

        try
        {
            Directory.Delete(_runs, recursive: true);
        }
        catch (IOException)
        {
            // A log still held open; the temp folder is cleaned eventually anyway.
        }

        var left = _children.Where(child => child.IsAlive()).Select(child => child.Pid).ToList();
        var listening = _options.Ports.All(includeStore: true, IncludeBaselines).Concat(_options.Ports.Extras()).Where(port => ProcFs.ListenerOf(port) is not null).ToList();
        if (left.Count > 0 || listening.Count > 0)
        {
            throw new InvalidOperationException($"Left after the topology was disposed: processes {string.Join(", ", left)}; listening ports {string.Join(", ", listening)}.");
        }
    }

    /// <summary>Every child seen so far (a killed backend comes back with a new pid), to check none outlives the lab.</summary>
    private void RememberPids() =>
        _children.UnionWith(LabProcesses.Stamps(_faults!.Status().Select(s => s.ProcessId).OfType<int>()));
}

/// <summary>The same lab on the system engines, nginx and redis-server (the test skips where they are not installed).</summary>
public sealed class SystemEnginesExperimentLab : ExperimentLab
{
    protected override string LoadBalancer => "nginx";

    protected override string Store => "system";
}

/// <summary>The lab with the ASP.NET Core baselines and small loads, for the performance group.</summary>
public sealed class PerformanceLab : ExperimentLab
{
    internal override ExperimentSettings Settings { get; } = new(Quick: true) { Requests = 200, Concurrency = 8, Rounds = 2, Sessions = 1_000 };

    protected override bool IncludeBaselines => true;
}
