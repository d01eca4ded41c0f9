using System.CommandLine;
using System.Globalization;
using Garnet;
using SessionLab.Cli;
using SessionLab.Topology.Processes;
using StackExchange.Redis;

namespace SessionLab.Commands;

/// <summary>
/// <c>sessionlab garnet</c>: the embedded Redis-compatible server, in its own process so the lab
/// can kill it like a real Redis. Used where <c>redis-server</c> is not installed.
/// </summary>
internal static class GarnetCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "TCP port", DefaultValueFactory = _ => 6379 }.MustBeAPort();
        var bind = new Option<string>("--bind") { Description = "address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var aof = new Option<bool>("--aof") { Description = "keep an append-only file, committed every second, and replay it on start (needs --data-dir)" };
        var dataDir = new Option<string?>("--data-dir") { Description = "folder for the append-only file and checkpoints" };
        var parentPid = new Option<int?>("--parent-pid") { Description = "exit when this process is gone", Hidden = true };
        // Not hidden: a hidden command prints nothing for --help, and a user may want to run the store `up` falls back to.
        var command = new Command("garnet", "Run the embedded Garnet server: the Redis-compatible store `up` and `run` use where redis-server is not installed.") { port, bind, aof, dataDir, parentPid };
        command.Validators.Add(result =>
        {
            if (result.GetValue(aof) && string.IsNullOrEmpty(result.GetValue(dataDir)))
            {
                result.AddError("--aof needs --data-dir (where the append-only file is kept).");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var garnetArgs = GarnetArguments(parse.GetValue(port), parse.GetValue(bind)!, parse.GetValue(aof), parse.GetValue(dataDir));
            try
            {
                using var server = new GarnetServer([.. garnetArgs]);
                server.Start();
                await WarmUpAsync(parse.GetValue(bind)!, parse.GetValue(port));
                Console.WriteLine($"garnet ready on {parse.GetValue(bind)}:{parse.GetValue(port)}{(parse.GetValue(aof) ? $", AOF in {parse.GetValue(dataDir)}" : string.Empty)}");
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

    /// <summary>
    /// Garnet prepares its transaction path on first use: the first MULTI/EXEC took 0.3 s at a load average of 45, and
    /// longer than the backends' 1 s command timeout on a busier machine, so the lab's first login (a session and its
    /// index entry in one transaction) failed with 503. One throwaway transaction of the commands the backends queue,
    /// and one under WATCH, take that cost right after start, before any client. A failure here never stops the server.
    /// </summary>
    private static async Task WarmUpAsync(string bind, int port)
    {
        var host = bind is "0.0.0.0" or "::" ? "127.0.0.1" : bind;
        RedisKey index = "sessionlab:warm-up:index", session = "sessionlab:warm-up:session", family = "sessionlab:warm-up:family";
        try
        {
            var options = new ConfigurationOptions { AbortOnConnectFail = false, ConnectTimeout = 5000, AsyncTimeout = 10_000, SyncTimeout = 10_000, ClientName = "sessionlab-warm-up" };
            options.EndPoints.Add(host, port);
            using var redis = await ConnectionMultiplexer.ConnectAsync(options);
            var db = redis.GetDatabase();
            var until = DateTime.UtcNow.AddMinutes(1);
            var transaction = db.CreateTransaction();
            _ = transaction.SortedSetAddAsync(index, "member", 1);
            _ = transaction.KeyExpireAsync(index, until, ExpireWhen.HasNoExpiry);
            _ = transaction.KeyExpireAsync(index, until, ExpireWhen.GreaterThanCurrentExpiry);
            _ = transaction.SortedSetRemoveRangeByScoreAsync(index, double.NegativeInfinity, 0);
            _ = transaction.SortedSetLengthAsync(index);
            _ = transaction.StringSetAsync(session, "value", TimeSpan.FromMinutes(1), When.NotExists);
            _ = transaction.HashSetAsync(family, [new("current", "x")]);
            _ = transaction.HashSetAsync(family, "revoked", "warm-up", When.NotExists);
            _ = transaction.KeyDeleteAsync([session]);
            _ = transaction.SortedSetRemoveAsync(index, ["member"]);
            await transaction.ExecuteAsync();
            var watched = db.CreateTransaction();
            watched.AddCondition(Condition.HashEqual(family, "current", "x"));
            _ = watched.HashIncrementAsync(family, "generation");
            await watched.ExecuteAsync();
            await db.KeyDeleteAsync([index, session, family]);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"sessionlab garnet: warm-up failed ({e.Message}); serving anyway");
        }
    }

    /// <summary>
    /// Garnet's own options. With <paramref name="appendOnly"/>: the AOF (<c>--aof</c>) committed to disk every 1000 ms
    /// (<c>--aof-commit-freq</c>, Garnet's counterpart of <c>appendfsync everysec</c>), kept under <c>--checkpointdir</c>
    /// (not <c>--logdir</c>: Garnet refuses it without tiered storage),
    /// and replayed on start (<c>--recover</c>: the latest checkpoint, if any, then the AOF after it).
    /// Files are written through .NET's RandomAccess device: Garnet's default native device on x64 Linux needs libaio
    /// (<c>libaio.so.1</c>), which a plain machine may lack, and then crashes the server on its first AOF flush.
    /// A recovery that fails stops the server rather than serve an empty store.
    /// </summary>
    internal static IReadOnlyList<string> GarnetArguments(int port, string bind, bool appendOnly, string? dataDirectory)
    {
        List<string> args =
        [
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--bind", bind,
            "--no-pubsub", "false",
        ];
        if (appendOnly)
        {
            ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
            args.AddRange(
            [
                "--aof", "true",
                "--aof-commit-freq", "1000",
                "--recover", "true",
                "--fail-on-recovery-error", "true",
                "--checkpointdir", dataDirectory,
                "--device-type", "RandomAccess",
            ]);
        }

        return args;
    }
}
