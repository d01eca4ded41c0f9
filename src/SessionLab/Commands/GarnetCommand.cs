using System.CommandLine;
using System.Globalization;
using Garnet;

namespace SessionLab.Commands;

/// <summary>
/// <c>sessionlab garnet</c> (hidden): the embedded Redis-compatible server, in its own process so the lab
/// can kill it like a real Redis. Used where <c>redis-server</c> is not installed.
/// </summary>
internal static class GarnetCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "TCP port", DefaultValueFactory = _ => 6379 };
        var bind = new Option<string>("--bind") { Description = "address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var parentPid = new Option<int?>("--parent-pid") { Description = "exit when this process is gone", Hidden = true };
        var command = new Command("garnet", "Run the embedded Garnet server (a Redis-compatible store).") { port, bind, parentPid };
        command.Hidden = true;
        command.SetAction(async (parse, cancellationToken) =>
        {
            string[] garnetArgs =
            [
                "--port", parse.GetValue(port).ToString(CultureInfo.InvariantCulture),
                "--bind", parse.GetValue(bind)!,
                "--no-pubsub", "false",
            ];
            try
            {
                using var server = new GarnetServer(garnetArgs);
                server.Start();
                Console.WriteLine($"garnet ready on {parse.GetValue(bind)}:{parse.GetValue(port)}");
                await ParentWatch.WaitAsync(parse.GetValue(parentPid), cancellationToken);
                return 0;
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync($"sessionlab garnet: cannot start: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
