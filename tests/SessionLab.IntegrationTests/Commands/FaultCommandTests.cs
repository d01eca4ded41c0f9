using SessionLab.Control;
using SessionLab.Faults;
using SessionLab.IntegrationTests.Support;
using SessionLab.Topology;
using SessionLab.Topology.LoadBalancing;

namespace SessionLab.IntegrationTests.Commands;

/// <summary>
/// <c>sessionlab fault</c> as a user runs it from another terminal, against a real topology listening on its control
/// socket: what fails exits non-zero with a message that says why, and every reply tells the truth about the state.
/// </summary>
public sealed class FaultCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fault_ExitCodesAndMessages_TellTheTruth()
    {
        var runs = Directory.CreateTempSubdirectory("sessionlab-fault-").FullName;
        var options = new TopologyOptions { LoadBalancer = "yarp", Store = "garnet", Ports = LabPorts.FindFree(), RunsDirectory = runs };
        var launcher = new TopologyLauncher(new EngineResolver(LoadBalancerEngines.All()).ResolveLoadBalancer("yarp"), EngineResolver.ResolveStore("garnet"));
        var topology = await launcher.StartAsync(options, progress: null, Ct);
        try
        {
            var faults = new FaultController(topology);
            await using var control = ControlSocket.Open(topology.RunFolder, new FaultCommandInterpreter(faults));
            Task<(int ExitCode, string Stdout, string Stderr)> Fault(params string[] words) =>
                LabCli.RunSeparatelyAsync(TimeSpan.FromMinutes(1), new Dictionary<string, string>(), ["fault", .. words, "--runs-dir", runs]);

            var ambiguous = await Fault("start", "server-2");
            Assert.Equal(1, ambiguous.ExitCode);
            Assert.Contains("sticky/server-2, redis/server-2, jwt/server-2", ambiguous.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("fault: error:", ambiguous.Stderr, StringComparison.Ordinal);

            var unknown = await Fault("frobnicate");
            Assert.Equal(2, unknown.ExitCode);
            Assert.Contains("unknown command 'frobnicate'", unknown.Stderr, StringComparison.Ordinal);

            var running = await Fault("start", "sticky/server-2");
            Assert.Equal(0, running.ExitCode);
            Assert.Contains("sticky/server-2 is already running (pid ", running.Stdout, StringComparison.Ordinal);

            var killed = await Fault("redis", "stop");
            Assert.Equal(0, killed.ExitCode);
            Assert.Matches(@"killed .+ \(pid \d+\) with SIGKILL", killed.Stdout);
            var again = await Fault("redis", "stop");
            Assert.Equal(0, again.ExitCode);
            Assert.Contains("was not running (nothing to kill)", again.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("(pid )", again.Stdout, StringComparison.Ordinal);

            var started = await Fault("redis", "start");
            Assert.Matches(@"^started .+ \(pid \d+\)", started.Stdout);
            var startedAgain = await Fault("redis", "start");
            Assert.Equal(0, startedAgain.ExitCode);
            Assert.Contains("is already running (pid ", startedAgain.Stdout, StringComparison.Ordinal);
            var node = await Fault("redis", "kill", "node-2");
            Assert.Equal(1, node.ExitCode);
            Assert.Contains("node names need --redis sentinel", node.Stderr, StringComparison.Ordinal);

            Assert.Equal(0, (await Fault("deregister", "redis/server-1")).ExitCode);
            var twice = await Fault("deregister", "redis/server-1");
            Assert.Equal(0, twice.ExitCode);
            Assert.Contains("redis/server-1 is already out of the load balancer's rotation", twice.Stdout, StringComparison.Ordinal);
            var status = await Fault("status");
            Assert.Equal(0, status.ExitCode);
            Assert.Matches(@"redis/server-1\s+\S+\s+up, out of rotation", status.Stdout);
            Assert.Matches(@"redis/server-2\s+\S+\s+up\s+pid", status.Stdout);

            var help = await Fault("help");
            Assert.Contains("deregister BACKEND", help.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("quit", help.Stdout, StringComparison.Ordinal);
            var quit = await Fault("quit");
            Assert.Equal(2, quit.ExitCode);
            Assert.Contains("only works at the lab> prompt", quit.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            await topology.DisposeAsync();
            Directory.Delete(runs, recursive: true);
        }
    }

    [Fact]
    public async Task ExternalStore_ThatGoesAway_IsUnreachableInStatus_AndCannotBeStopped()
    {
        await using var redis = await RedisServer.StartPreferredAsync(Ct);
        var runs = Directory.CreateTempSubdirectory("sessionlab-fault-external-").FullName;
        var options = new TopologyOptions { LoadBalancer = "yarp", Store = redis.Configuration, Ports = LabPorts.FindFree(), RunsDirectory = runs };
        var launcher = new TopologyLauncher(new EngineResolver(LoadBalancerEngines.All()).ResolveLoadBalancer("yarp"), EngineResolver.ResolveStore(options.Store));
        var topology = await launcher.StartAsync(options, progress: null, Ct);
        try
        {
            var faults = new FaultController(topology);
            var interpreter = new FaultCommandInterpreter(faults);
            Assert.Equal("up", faults.Status()[0].State);

            await redis.KillAsync();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (faults.Status()[0].IsUp && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, Ct);
            }

            var store = faults.Status()[0];
            Assert.False(store.IsUp);
            Assert.Equal("unreachable", store.State);
            var stop = await interpreter.ExecuteAsync("redis stop", atPrompt: false, Ct);
            Assert.Equal(FaultReply.Failed, stop.ExitCode);
            Assert.Contains("the lab does not control it", stop.Text, StringComparison.Ordinal);
        }
        finally
        {
            await topology.DisposeAsync();
            Directory.Delete(runs, recursive: true);
        }
    }
}
