using System.CommandLine;
using System.Net.Sockets;
using SessionLab.Control;

namespace SessionLab.Commands;

/// <summary><c>sessionlab fault kill sticky/server-2</c>: sends a fault command to the running <c>sessionlab up</c>.</summary>
internal static class FaultCommand
{
    public static Command Create()
    {
        var words = new Argument<string[]>("command") { Description = "one of the commands listed above, e.g. kill sticky/server-2", Arity = ArgumentArity.OneOrMore };
        var runsDir = new Option<string?>("--runs-dir") { Description = "where `sessionlab up` put its run folders [default: ./runs]" };
        var command = new Command("fault", $"Inject a fault into (or read the state of) the lab started by `sessionlab up`.\n\nCommands:\n{Indent(FaultCommandInterpreter.Commands)}\n\nExit code: 0 done, 1 the fault could not be carried out, 2 not a command or no lab found.") { words, runsDir };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var root = parse.GetValue(runsDir) is { Length: > 0 } dir ? Path.GetFullPath(dir) : Path.Combine(Environment.CurrentDirectory, "runs");
            var sockets = Directory.Exists(root)
                ? Directory.EnumerateFiles(root, ControlSocket.FileName, SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).ToList()
                : [];
            foreach (var socket in sockets)
            {
                FaultReply reply;
                try
                {
                    reply = await ControlSocket.SendAsync(Path.GetDirectoryName(socket)!, string.Join(' ', parse.GetValue(words)!), cancellationToken);
                }
                catch (SocketException)
                {
                    // A socket file left by a lab that is gone; try an older one.
                    continue;
                }

                await (reply.Succeeded ? Console.Out : Console.Error).WriteLineAsync(reply.Succeeded ? reply.Text : $"sessionlab fault: {FailureText(reply.Text)}");
                return reply.ExitCode;
            }

            await Console.Error.WriteLineAsync($"sessionlab fault: no running `sessionlab up` found under {root}; if it was started elsewhere, pass its folder with --runs-dir (the run folder `up` printed is inside it).");
            return FaultReply.NotACommand;
        });
        return command;
    }

    /// <summary>The lab's prompt says "error: …"; after "sessionlab fault: " the word would be said twice.</summary>
    internal static string FailureText(string text) => text.StartsWith("error: ", StringComparison.Ordinal) ? text["error: ".Length..] : text;

    private static string Indent(string lines) => string.Join('\n', lines.Split('\n').Select(l => "  " + l));
}
