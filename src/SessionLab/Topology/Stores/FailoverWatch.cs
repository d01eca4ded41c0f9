using System.Diagnostics;
using System.Net.Sockets;

namespace SessionLab.Topology.Stores;

/// <summary>
/// Subscriptions to the Sentinels' <c>+switch-master</c> channel, or a poll of a cluster's view (<see cref="Poll"/>):
/// <see cref="Announced"/> completes with the first announcement (its text, e.g. <c>sessionlab 127.0.0.1 6441 127.0.0.1
/// 6442</c>, and its <see cref="Stopwatch"/> timestamp).
/// </summary>
internal sealed class FailoverWatch : IAsyncDisposable
{
    private readonly List<TcpClient> _connections = [];
    private readonly TaskCompletionSource<FailoverAnnouncement> _announced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _polling = new();

    public Task<FailoverAnnouncement> Announced => _announced.Task;

    /// <summary>Subscribes on each port that accepts (at least one must); returns once every subscription is confirmed.</summary>
    public static async Task<FailoverWatch> StartAsync(IEnumerable<int> sentinelPorts, CancellationToken cancellationToken)
    {
        var watch = new FailoverWatch();
        foreach (var port in sentinelPorts)
        {
            var client = new TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", port, cancellationToken);
                var stream = client.GetStream();
                await stream.WriteAsync(RespClient.Encode(["SUBSCRIBE", "+switch-master"]), cancellationToken);
                client.ReceiveTimeout = 2000;
                _ = RespClient.Read(stream); // the confirmation
                client.ReceiveTimeout = 0;
                watch._connections.Add(client);
                _ = Task.Factory.StartNew(() => watch.Listen(stream), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
            catch (Exception e) when (e is IOException or SocketException or RespErrorException)
            {
                client.Dispose();
            }
        }

        if (watch._connections.Count == 0)
        {
            throw new TopologyException("No Sentinel accepted a subscription to +switch-master.");
        }

        return watch;
    }

    /// <summary>
    /// A watch for a store that announces nothing (Redis Cluster): <paramref name="probe"/> is asked every
    /// <paramref name="interval"/> until it returns an announcement (its last word the new primary's port) or the watch is disposed.
    /// </summary>
    public static FailoverWatch Poll(Func<string?> probe, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var watch = new FailoverWatch();
        var stop = watch._polling.Token;
        _ = Task.Run(
            async () =>
            {
                try
                {
                    while (!stop.IsCancellationRequested)
                    {
                        if (probe() is { } text)
                        {
                            watch._announced.TrySetResult(new FailoverAnnouncement(text, Stopwatch.GetTimestamp()));
                            return;
                        }

                        await Task.Delay(interval, stop);
                    }
                }
                catch (OperationCanceledException)
                {
                    // Disposed.
                }
            },
            CancellationToken.None);
        return watch;
    }

    private void Listen(Stream stream)
    {
        try
        {
            while (true)
            {
                if (RespClient.Read(stream) is object?[] { Length: 3 } message && message[0] is "message" && message[2] is string text)
                {
                    _announced.TrySetResult(new FailoverAnnouncement(text, Stopwatch.GetTimestamp()));
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or RespErrorException or FormatException)
        {
            // Closed by DisposeAsync, or the Sentinel went away.
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }

        _polling.Cancel();
        _polling.Dispose();
        _announced.TrySetCanceled();
        return ValueTask.CompletedTask;
    }
}

/// <summary>What a Sentinel published on <c>+switch-master</c>, and when it arrived (<see cref="Stopwatch.GetTimestamp"/>).</summary>
internal sealed record FailoverAnnouncement(string Message, long Timestamp)
{
    /// <summary>The new primary's port: the message's last word.</summary>
    public int? NewPrimaryPort => int.TryParse(Message.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture, out var port) ? port : null;
}
