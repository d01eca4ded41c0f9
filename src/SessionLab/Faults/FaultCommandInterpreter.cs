using System.Text;
using SessionLab.Topology;

namespace SessionLab.Faults;

/// <summary>
/// The little fault language of <c>sessionlab up</c>'s prompt and of <c>sessionlab fault</c>:
/// <c>kill|stop|start|restart|deregister|register BACKEND</c>, <c>redis stop|start</c>, <c>status</c>, <c>help</c>.
/// </summary>
internal sealed class FaultCommandInterpreter(FaultController faults)
{
    public const string Help = """
        kill BACKEND        kill -9 a backend (e.g. kill sticky/server-2, or kill 8082)
        stop BACKEND        stop a backend gracefully (SIGTERM)
        start BACKEND       start a stopped or killed backend again
        deregister BACKEND  take a backend out of the load balancer (no new requests; it keeps running)
        register BACKEND    put it back into the load balancer
        restart BACKEND     graceful restart: deregister, wait 0.5 s, SIGTERM, start, register
        redis stop          kill -9 the store (sessions are lost: no persistence)
        redis start         start the store again on the same port
        status              every part: address, engine, pid, up or down
        quit                stop everything and exit (also Ctrl+C)
        """;

    /// <summary>Runs one command line and returns what to print. Errors come back as text, never as exceptions.</summary>
    public async Task<string> ExecuteAsync(string line, CancellationToken cancellationToken)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        try
        {
            return words switch
            {
                [] => string.Empty,
                ["help" or "?"] => Help,
                ["status"] => Render(faults.Status()),
                ["kill", var backend] => await faults.KillBackendAsync(backend),
                ["stop", var backend] when !IsStore(backend) => await faults.StopBackendAsync(backend),
                ["start", var backend] when !IsStore(backend) => await faults.StartBackendAsync(backend, cancellationToken),
                ["deregister", var backend] => await faults.RemoveFromRotationAsync(backend, cancellationToken),
                ["register", var backend] => await faults.ReturnToRotationAsync(backend, cancellationToken),
                ["restart", var backend] when !IsStore(backend) => await faults.RestartBackendGracefullyAsync(backend, cancellationToken),
                ["redis" or "store", "stop" or "kill"] or ["stop" or "kill", "redis" or "store"] => await faults.StopStoreAsync(),
                ["redis" or "store", "start"] or ["start", "redis" or "store"] => await faults.StartStoreAsync(cancellationToken),
                _ => $"unknown command '{line.Trim()}'; type help",
            };
        }
        catch (TopologyException e)
        {
            return $"error: {e.Message}";
        }
    }

    public static string Render(IReadOnlyList<ComponentState> states)
    {
        var text = new StringBuilder();
        foreach (var state in states)
        {
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{state.Component,-16} {state.Address,-22} {(state.IsUp ? "up" : "DOWN"),-5} pid {state.ProcessId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",-8} {state.Engine}");
        }

        return text.ToString().TrimEnd();
    }

    private static bool IsStore(string word) => word is "redis" or "store";
}
