using System.CommandLine;
using SessionLab.Cli;
using SessionLab.Control;
using SessionLab.Faults;
using SessionLab.Topology;
using SessionLab.Topology.LoadBalancing;
using SessionLab.Topology.Processes;
using Spectre.Console;

namespace SessionLab.Commands;

/// <summary>
/// <c>sessionlab up</c>: the plan's topology on the plan's ports until Ctrl+C, with a fault prompt,
/// so a person can repeat the plan's curl steps by hand.
/// </summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var options = new TopologyCommandOptions();
        var command = new Command("up", "Bring up the whole topology (9 backends, Redis, 3 load balancers) and keep it up until Ctrl+C.");
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var topologyOptions = options.Read(parse);
            RunningTopology topology;
            try
            {
                topology = await StartAsync(topologyOptions, cancellationToken);
            }
            catch (TopologyException e)
            {
                // An error belongs on stderr, where a script that keeps stdout still sees it.
                await Console.Error.WriteLineAsync($"sessionlab up: cannot start: {e.Message}");
                await Console.Error.WriteLineAsync("Nothing was left running.");
                return 2;
            }
            catch (OperationCanceledException)
            {
                AnsiConsole.MarkupLine("Cancelled; nothing was left running.");
                return 130;
            }

            await using (topology)
            {
                var faults = new FaultController(topology);
                var interpreter = new FaultCommandInterpreter(faults);
                await using var control = ControlSocket.Open(topology.RunFolder, interpreter);
                PrintReady(topology, faults);
                await PromptUntilStoppedAsync(interpreter, cancellationToken);
                AnsiConsole.MarkupLine("Stopping everything…");
            }

            AnsiConsole.MarkupLine("[green]Stopped.[/] No process of this lab is left running.");
            return 0;
        });
        return command;
    }

    internal static async Task<RunningTopology> StartAsync(TopologyOptions options, CancellationToken cancellationToken)
    {
        var resolver = new EngineResolver(LoadBalancerEngines.All());
        var balancer = resolver.ResolveLoadBalancer(options.LoadBalancer);
        var store = EngineResolver.ResolveStore(options.Store, note => AnsiConsole.MarkupLineInterpolated($"[yellow]{note}[/]"));
        var launcher = new TopologyLauncher(balancer, store);
        // Plain lines rather than a spinner: they stay on screen as a record of what started, and read well in a log.
        return await launcher.StartAsync(options, new ConsoleProgress(), cancellationToken);
    }

    private static void PrintReady(RunningTopology topology, FaultController faults)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Session Lab topology[/]");
        table.AddColumns("component", "address", "engine and version", "pid", "state");
        foreach (var state in faults.Status())
        {
            table.AddRow(
                Markup.Escape(state.Component),
                Markup.Escape(state.Address),
                Markup.Escape(state.Engine),
                state.ProcessId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                state.IsUp ? $"[green]{Markup.Escape(state.State)}[/]" : $"[red]{Markup.Escape(state.State)}[/]");
        }

        AnsiConsole.Write(table);
        if (topology.Store is Topology.Stores.IReplicatedStore replicated)
        {
            var kind = replicated is Topology.Stores.Cluster.ClusterStore ? "Cluster" : "Sentinel";
            AnsiConsole.MarkupLineInterpolated($"{kind}: {replicated.Settings}. Backends connect with {replicated.Configuration}.");
        }

        var states = faults.Status();
        var up = states.Count(st => st.IsUp);
        if (up == states.Count)
        {
            AnsiConsole.MarkupLineInterpolated($"[green bold]ready[/]: {up} parts up. Logs and configs: {topology.RunFolder}");
        }
        else
        {
            AnsiConsole.MarkupLineInterpolated($"[red bold]not ready[/]: {up} of {states.Count} parts up ({string.Join(", ", states.Where(st => !st.IsUp).Select(st => $"{st.Component} {st.State}"))}). Logs and configs: {topology.RunFolder}");
        }

        AnsiConsole.MarkupLineInterpolated($"Try: curl -c jar -X POST {topology.BalancerAddress(Backend.Common.SchemeKind.Sticky)}login -H 'content-type: application/json' -d '{{\"username\":\"alice\"}}'");
        // The very command for this build and these runs, since a bare `sessionlab` exists only once the README's alias is set.
        string[] fault = ["fault", "kill", "sticky/server-2"];
        var runsDir = Path.GetDirectoryName(topology.RunFolder)!;
        var defaultRuns = Path.Combine(Environment.CurrentDirectory, "runs");
        var example = SelfLauncher.Display(runsDir == defaultRuns ? fault : [.. fault, "--runs-dir", runsDir]);
        AnsiConsole.MarkupLineInterpolated($"From another terminal: {example}");
        AnsiConsole.MarkupLine("Or type commands here ('help' lists them); Ctrl+C stops everything.");
    }

    private static async Task PromptUntilStoppedAsync(FaultCommandInterpreter interpreter, CancellationToken cancellationToken)
    {
        if (Console.IsInputRedirected)
        {
            // No terminal (a script, CI): just stay up until Ctrl+C / SIGTERM.
            await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            AnsiConsole.Markup("[blue]lab>[/] ");
            var read = Task.Run(Console.ReadLine, CancellationToken.None);
            var finished = await Task.WhenAny(read, Task.Delay(Timeout.Infinite, cancellationToken));
            if (finished != read)
            {
                AnsiConsole.WriteLine();
                return;
            }

            var line = await read;
            if (line is null || line.Trim() is "quit" or "exit")
            {
                return;
            }

            var reply = await interpreter.ExecuteAsync(line, atPrompt: true, cancellationToken);
            if (reply.Text.Length > 0)
            {
                AnsiConsole.WriteLine(reply.Text);
            }
        }
    }
}
