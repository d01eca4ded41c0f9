using System.CommandLine;
using System.Net.Sockets;
using SessionLab.Faults;

namespace SessionLab.Commands;

/// <summary><c>sessionlab fault kill sticky/server-2</c>: sends a fault command to the running <c>sessionlab up</c>.</summary>
internal static class FaultCommand
{
    public static Command Create()
    {
        var words = new Argument<string[]>("command") { Description = "e.g. kill sticky/server-2, start 8082, redis stop, redis start, status", Arity = ArgumentArity.OneOrMore };
        var runsDir = new Option<string?>("--runs-dir") { Description = "where run folders are (default ./runs)" };
        var command = new Command("fault", "Inject a fault into (or read the state of) the lab started by `sessionlab up`.") { words, runsDir };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var root = parse.GetValue(runsDir) is { Length: > 0 } dir ? Path.GetFullPath(dir) : Path.Combine(Environment.CurrentDirectory, "runs");
            var sockets = Directory.Exists(root)
                ? Directory.EnumerateFiles(root, ControlSocket.FileName, SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).ToList()
                : [];
            foreach (var socket in sockets)
            {
                try
                {
                    Console.WriteLine((await ControlSocket.SendAsync(Path.GetDirectoryName(socket)!, string.Join(' ', parse.GetValue(words)!), cancellationToken)).TrimEnd());
                    return 0;
                }
                catch (SocketException)
                {
                    // A socket file left by a lab that is gone; try an older one.
                }
            }

            await Console.Error.WriteLineAsync($"sessionlab fault: no running `sessionlab up` found under {root}.");
            return 2;
        });
        return command;
    }
}
