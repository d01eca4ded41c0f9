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
        if (parse.Errors.Count > 0)
        {
            return CommandLineErrors.Report(parse, Console.Error);
        }

        try
        {
            return await parse.InvokeAsync(InvocationFor(parse));
        }
        catch (OperationCanceledException)
        {
            return InterruptedExitCode;
        }
        catch (Exception e)
        {
            // The last resort: a failure no command anticipated is still one line a user can act on; the whole trace,
            // which a bug report needs, goes to a file rather than over the terminal.
            await Console.Error.WriteLineAsync(CrashReport.Write(CommandLineErrors.CommandPath(parse.CommandResult), e));
            return 1;
        }
    }

    /// <summary>What a shell reports for a process stopped by Ctrl+C (128 + SIGINT).</summary>
    internal const int InterruptedExitCode = 130;

    /// <summary>
    /// How to invoke <paramref name="parse"/>. System.CommandLine ends the process 2 s after SIGTERM or Ctrl+C; a backend
    /// (<c>serve</c>) leaves the signal to its ASP.NET Core host instead, whose stop is bounded by Server:DrainTime plus
    /// Server:ShutdownTimeout, so the drain and requests in flight are not cut short; <c>run</c> gets time to write its
    /// partial results.
    /// </summary>
    public static InvocationConfiguration InvocationFor(ParseResult parse) => parse.CommandResult.Command.Name switch
    {
        "serve" => new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false },
        // An interrupted run still writes results.json and the report for what completed, then stops the topology.
        "run" => new InvocationConfiguration { ProcessTerminationTimeout = InterruptedRunBudget, EnableDefaultExceptionHandler = false },
        _ => new InvocationConfiguration { EnableDefaultExceptionHandler = false },
    };

    /// <summary>How long an interrupted <c>run</c> may take to write its results and stop everything before it is ended.</summary>
    internal static readonly TimeSpan InterruptedRunBudget = TimeSpan.FromSeconds(60);
}
