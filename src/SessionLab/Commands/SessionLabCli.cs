using System.CommandLine;
using SessionLab.Cli;

namespace SessionLab.Commands;

/// <summary>The <c>sessionlab</c> command tree.</summary>
internal static class SessionLabCli
{
    public static RootCommand Build() => new("Session Lab: sticky sessions, Redis sessions and JWT, compared on real servers.")
    {
        RunCommand.Create(),
        ReportCommand.Create(),
        CompareCommand.Create(),
        UpCommand.Create(),
        FaultCommand.Create(),
        ServeCommand.Create(),
        HashPasswordCommand.Create(),
        GarnetCommand.Create(),
    };

    /// <summary>Parses and runs one command line; a command line that does not parse is a one-line error and exit 2.</summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        ConsoleWidth.UnwrapWhenRedirected();
        var parse = Build().Parse(args);
        return parse.Errors.Count > 0
            ? CommandLineErrors.Report(parse, Console.Error)
            : await parse.InvokeAsync(InvocationFor(parse));
    }

    /// <summary>
    /// How to invoke <paramref name="parse"/>. System.CommandLine ends the process 2 s after SIGTERM or Ctrl+C; a backend
    /// (<c>serve</c>) leaves the signal to its ASP.NET Core host instead, whose stop is bounded by Server:DrainTime plus
    /// Server:ShutdownTimeout, so the drain and requests in flight are not cut short; <c>run</c> gets time to write its
    /// partial results.
    /// </summary>
    public static InvocationConfiguration InvocationFor(ParseResult parse) => parse.CommandResult.Command.Name switch
    {
        "serve" => new InvocationConfiguration { ProcessTerminationTimeout = null },
        // An interrupted run still writes results.json and the report for what completed, then stops the topology.
        "run" => new InvocationConfiguration { ProcessTerminationTimeout = InterruptedRunBudget },
        _ => new InvocationConfiguration(),
    };

    /// <summary>How long an interrupted <c>run</c> may take to write its results and stop everything before it is ended.</summary>
    internal static readonly TimeSpan InterruptedRunBudget = TimeSpan.FromSeconds(60);
}
