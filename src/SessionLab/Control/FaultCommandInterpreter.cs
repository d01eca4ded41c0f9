using System.Text;
using SessionLab.Faults;
using SessionLab.Topology;

namespace SessionLab.Control;

/// <summary>
/// The little fault language of <c>sessionlab up</c>'s prompt and of <c>sessionlab fault</c>:
/// <c>kill|stop|start|restart|deregister|register BACKEND</c>, <c>redis stop|start</c>, <c>status</c>, <c>help</c>.
/// Asking for a state that already holds (start a running backend, stop a stopped store) succeeds and says so;
/// a command that names nothing known, or a fault the lab cannot carry out, is an error with a non-zero exit code.
/// </summary>
internal sealed class FaultCommandInterpreter(FaultController faults)
{
    /// <summary>The commands both the prompt and <c>sessionlab fault</c> take.</summary>
    public const string Commands = """
        kill BACKEND        kill -9 a backend (e.g. kill sticky/server-2, or kill 8082)
        stop BACKEND        stop a backend gracefully (SIGTERM)
        start BACKEND       start a stopped or killed backend again
        deregister BACKEND  take a backend out of the load balancer (no new requests; it keeps running)
        register BACKEND    put it back into the load balancer
        restart BACKEND     graceful restart: deregister, wait 0.5 s, SIGTERM, start, register
        redis stop          kill -9 the store (sessions are lost: no persistence)
        redis start         start the store again on the same port (--redis sentinel/cluster: every node that is down)
        redis kill NODE     --redis sentinel: kill -9 one node (primary, replica, node-1..3, sentinel-1..3)
                            --redis cluster: primary (of the shard serving slot 0), primary-1..3, replica, node-1..6
        redis start NODE    --redis sentinel/cluster: start that node again
        status              every part: address, engine, pid, state
        help                this list
        """;

    /// <summary>The prompt's list: the commands, and how to leave.</summary>
    public const string PromptHelp = Commands + "\nquit                stop everything and exit (also Ctrl+C)";

    /// <summary>Runs one command line. Errors come back as a reply with a non-zero exit code, never as exceptions.</summary>
    /// <param name="line">The command as typed, e.g. <c>kill sticky/server-2</c>.</param>
    /// <param name="atPrompt">Whether the line was typed at <c>sessionlab up</c>'s prompt (which also knows <c>quit</c>) rather than sent by <c>sessionlab fault</c>.</param>
    /// <param name="cancellationToken">Stops a command that waits (a start, a restart).</param>
    public async Task<FaultReply> ExecuteAsync(string line, bool atPrompt, CancellationToken cancellationToken)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        try
        {
            return words switch
            {
                [] => FaultReply.Ok(string.Empty),
                ["help" or "?"] => FaultReply.Ok(atPrompt ? PromptHelp : Commands),
                ["quit" or "exit"] => new FaultReply(
                    FaultReply.NotACommand,
                    $"'{words[0]}' only works at the lab> prompt of `sessionlab up`; to stop the lab from here: kill -TERM {Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)}"),
                ["status"] => FaultReply.Ok(Render(faults.Status())),
                ["kill", var backend] when !IsStore(backend) => FaultReply.Ok(await faults.KillBackendAsync(backend)),
                ["stop", var backend] when !IsStore(backend) => FaultReply.Ok(await faults.StopBackendAsync(backend)),
                ["start", var backend] when !IsStore(backend) => FaultReply.Ok(await faults.StartBackendAsync(backend, cancellationToken)),
                ["deregister", var backend] => FaultReply.Ok(await faults.RemoveFromRotationAsync(backend, cancellationToken)),
                ["register", var backend] => FaultReply.Ok(await faults.ReturnToRotationAsync(backend, cancellationToken)),
                ["restart", var backend] when !IsStore(backend) => FaultReply.Ok(await faults.RestartBackendGracefullyAsync(backend, cancellationToken)),
                ["redis" or "store", "stop" or "kill"] or ["stop" or "kill", "redis" or "store"] => FaultReply.Ok(await faults.KillStoreAsync()),
                ["redis" or "store", "start"] or ["start", "redis" or "store"] => FaultReply.Ok(await faults.StartStoreAsync(cancellationToken)),
                ["redis" or "store", "stop" or "kill", var node] => FaultReply.Ok(await faults.KillStoreNodeAsync(node)),
                ["redis" or "store", "start", var node] => FaultReply.Ok(await faults.StartStoreNodeAsync(node, cancellationToken)),
                _ => new FaultReply(FaultReply.NotACommand, $"unknown command '{line.Trim()}'; the commands are:\n{Commands}"),
            };
        }
        catch (TopologyException e)
        {
            return new FaultReply(FaultReply.Failed, $"error: {e.Message}");
        }
    }

    public static string Render(IReadOnlyList<ComponentState> states)
    {
        var text = new StringBuilder();
        foreach (var state in states)
        {
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{state.Component,-24} {state.Address,-22} {state.State,-19} pid {state.ProcessId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",-8} {state.Engine}");
        }

        return text.ToString().TrimEnd();
    }

    private static bool IsStore(string word) => word is "redis" or "store";
}
