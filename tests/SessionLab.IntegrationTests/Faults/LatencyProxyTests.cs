using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SessionLab.Faults;
using SessionLab.IntegrationTests.Support;
using StackExchange.Redis;

namespace SessionLab.IntegrationTests.Faults;

/// <summary>
/// The latency proxy between a real Redis and StackExchange.Redis: it adds the delay asked for, keeps pipelined commands
/// in flight together, follows changes live, and passes outages on instead of hiding them. Only lower bounds on time,
/// plus generous upper bounds where the point is "not serialised" or "no hang": the machine is small and shared.
/// </summary>
public sealed class LatencyProxyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_DelayZero_ForwardsCommandsBothWays()
    {
        await using var redis = await RedisServer.StartPreferredAsync(Ct);
        await using var proxy = StartProxy(redis);
        using var client = await ConnectAsync(proxy);
        var db = client.GetDatabase();

        await db.StringSetAsync("proxy:zero", "hello");

        Assert.Equal("hello", (string?)await db.StringGetAsync("proxy:zero"));
        Assert.Equal("hello", (string?)await redis.Database.StringGetAsync("proxy:zero"));
        Assert.NotEqual(0, proxy.Listen.Port);
        Assert.True(proxy.Connections >= 1);
    }

    [Fact]
    public async Task Delay_50ms_PingRoundTripTakesAtLeast50ms()
    {
        await using var redis = await RedisServer.StartPreferredAsync(Ct);
        await using var proxy = StartProxy(redis);
        using var client = await ConnectAsync(proxy);
        var db = client.GetDatabase();
        await db.PingAsync();

        proxy.Delay = TimeSpan.FromMilliseconds(50);
        var elapsed = await TimedPingAsync(db);

        Assert.True(elapsed >= TimeSpan.FromMilliseconds(50), $"took {elapsed.TotalMilliseconds:0.0} ms");
    }

    [Fact]
    public async Task Delay_1ms_EveryRoundTripTakesAtLeast1ms()
    {
        await using var redis = await RedisServer.StartPreferredAsync(Ct);
        await using var proxy = StartProxy(redis);
        using var client = await ConnectAsync(proxy);
        var db = client.GetDatabase();
        var baseline = await PingTimesAsync(db, 30);

        proxy.Delay = TimeSpan.FromMilliseconds(1);
        var delayed = await PingTimesAsync(db, 30);

        // Timers count whole milliseconds; rounding the wait down would let a chunk through early.
        Assert.True(delayed.Min() >= TimeSpan.FromMilliseconds(1), $"fastest {delayed.Min().TotalMilliseconds:0.000} ms");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"PING median: {Median(baseline).TotalMilliseconds:0.000} ms at +0, {Median(delayed).TotalMilliseconds:0.000} ms at +1 ms");
    }

    [Fact]
    public async Task Delay_200ms_FortyPipelinedCommandsAreDelayedTogetherNotOneAfterAnother()
    {
        await using var redis = await RedisServer.StartPreferredAsync(Ct);
        await using var proxy = StartProxy(redis);
        using var client = await ConnectAsync(proxy);
        var db = client.GetDatabase();
        await db.PingAsync();

        proxy.Delay = TimeSpan.FromMilliseconds(200);
        var watch = Stopwatch.StartNew();
        var increments = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => db.StringIncrementAsync("proxy:pipelined")));
        watch.Stop();

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(200), $"took {watch.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed.TotalMilliseconds:0} ms; 40 × 200 ms in series would be 8 s");
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), increments); // the byte stream stays in order
    }

    [Fact]
    public async Task Delay_ChangedLive_AppliesToTheNextCommands()
    {
        await using var redis = await RedisServer.StartPreferredAsync(Ct);
        await using var proxy = StartProxy(redis);
        using var client = await ConnectAsync(proxy);
        var db = client.GetDatabase();
        await db.PingAsync();

        proxy.Delay = TimeSpan.FromMilliseconds(150);
        var slow = await TimedPingAsync(db);
        proxy.Delay = TimeSpan.Zero;
        var fast = (await PingTimesAsync(db, 3)).Min();

        Assert.True(slow >= TimeSpan.FromMilliseconds(150), $"slow ping took {slow.TotalMilliseconds:0.0} ms");
        Assert.True(fast < TimeSpan.FromMilliseconds(150), $"fastest ping after the reset took {fast.TotalMilliseconds:0.0} ms");
    }

    [Fact]
    public async Task Delay_Negative_IsRefused()
    {
        await using var proxy = LatencyProxy.Start(new IPEndPoint(IPAddress.Loopback, 0), new IPEndPoint(IPAddress.Loopback, FreePorts.Next()));

        Assert.Throws<ArgumentOutOfRangeException>(() => proxy.Delay = TimeSpan.FromMilliseconds(-1));
    }

    [Fact]
    public async Task ClientHalfCloses_QueuedBytesStillArrive_ThenTheRepliesAndTheEnd()
    {
        await using var redis = await RedisServer.StartPreferredAsync(Ct);
        await using var proxy = StartProxy(redis);
        proxy.Delay = TimeSpan.FromMilliseconds(20);
        using var socket = await RawConnectAsync(proxy);

        await socket.SendAsync("PING\r\n"u8.ToArray(), SocketFlags.None, Ct);
        socket.Shutdown(SocketShutdown.Send);

        Assert.Equal("+PONG\r\n", await ReadToEndAsync(socket));
    }

    [Fact]
    public async Task RedisKilled_ClientFailsFast_AndARestartedRedisIsReachableThroughTheSameProxy()
    {
        await using var redis = await RedisServer.StartPreferredAsync(Ct);
        await using var proxy = StartProxy(redis);
        using var client = await ConnectAsync(proxy);
        var db = client.GetDatabase();
        await db.PingAsync();

        await redis.KillAsync();
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<RedisException>(async () =>
        {
            // The first command may still be answered from a socket not yet seen closed; a second one may not.
            await db.PingAsync();
            await Task.Delay(100, Ct);
            await db.PingAsync();
        });
        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.5), $"failure took {watch.Elapsed.TotalMilliseconds:0} ms");

        using var refused = await RawConnectAsync(proxy);
        var closedWatch = Stopwatch.StartNew();
        Assert.Equal(string.Empty, await ReadToEndAsync(refused));
        Assert.True(closedWatch.Elapsed < TimeSpan.FromSeconds(2), $"the proxy held a connection to a dead Redis open for {closedWatch.Elapsed.TotalMilliseconds:0} ms");

        await redis.RestartAsync(Ct);
        using var again = await ConnectAsync(proxy);
        await again.GetDatabase().StringSetAsync("proxy:restarted", "yes");
        Assert.Equal("yes", (string?)await redis.Database.StringGetAsync("proxy:restarted"));
    }

    [Fact]
    public async Task DisposeAsync_ClosesOpenConnections_AndStopsListening()
    {
        await using var redis = await RedisServer.StartPreferredAsync(Ct);
        var proxy = StartProxy(redis);
        var listen = proxy.Listen;
        using var socket = await RawConnectAsync(proxy);
        await socket.SendAsync("PING\r\n"u8.ToArray(), SocketFlags.None, Ct);
        Assert.Equal("+PONG\r\n", await ReadAsync(socket));

        var disposing = proxy.DisposeAsync().AsTask();

        Assert.True(await Task.WhenAny(disposing, Task.Delay(TimeSpan.FromSeconds(5), Ct)) == disposing, "DisposeAsync did not finish within 5 s");
        await disposing;
        Assert.Equal(string.Empty, await ReadToEndAsync(socket));
        using var late = new Socket(SocketType.Stream, ProtocolType.Tcp);
        var refused = await Assert.ThrowsAsync<SocketException>(async () => await late.ConnectAsync(listen, Ct));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        await proxy.DisposeAsync(); // twice is harmless
    }

    private static LatencyProxy StartProxy(RedisServer redis) =>
        LatencyProxy.Start(new IPEndPoint(IPAddress.Loopback, 0), new IPEndPoint(IPAddress.Loopback, redis.Port));

    /// <summary>Configured like the backends' connection: fail fast rather than queue while disconnected.</summary>
    private static async Task<ConnectionMultiplexer> ConnectAsync(LatencyProxy proxy)
    {
        var options = ConfigurationOptions.Parse($"127.0.0.1:{proxy.Listen.Port}");
        options.AbortOnConnectFail = true;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.AsyncTimeout = 1000;
        options.SyncTimeout = 1000;
        options.ConnectTimeout = 2000;
        options.ConnectRetry = 1;
        options.ReconnectRetryPolicy = new LinearRetry(200);
        return await ConnectionMultiplexer.ConnectAsync(options);
    }

    private static async Task<TimeSpan> TimedPingAsync(IDatabase db)
    {
        var watch = Stopwatch.StartNew();
        await db.PingAsync();
        return watch.Elapsed;
    }

    private static async Task<TimeSpan[]> PingTimesAsync(IDatabase db, int count)
    {
        var times = new TimeSpan[count];
        for (var i = 0; i < count; i++)
        {
            times[i] = await TimedPingAsync(db);
        }

        return times;
    }

    private static TimeSpan Median(TimeSpan[] times) => times.Order().ElementAt(times.Length / 2);

    private static async Task<Socket> RawConnectAsync(LatencyProxy proxy)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(proxy.Listen, Ct);
        return socket;
    }

    private static async Task<string> ReadAsync(Socket socket)
    {
        var buffer = new byte[256];
        var read = await socket.ReceiveAsync(buffer, SocketFlags.None, Ct);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    /// <summary>Everything until the proxy closes the connection; a reset counts as a close. Times out rather than hangs.</summary>
    private static async Task<string> ReadToEndAsync(Socket socket)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var text = new StringBuilder();
        var buffer = new byte[256];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
            {
                text.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            // Closed hard; what was read so far stands.
        }

        return text.ToString();
    }
}
