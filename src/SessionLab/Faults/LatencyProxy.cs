using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace SessionLab.Faults;

/// <summary>
/// A TCP proxy between the backends and Redis that makes the store slow on purpose: every byte the client sends reaches
/// Redis <see cref="Delay"/> later, so each command's round trip grows by that much. It adds latency, not a throughput
/// cap: a pipelined client (StackExchange.Redis multiplexes everything on one connection) keeps all its commands in
/// flight, each delayed from its own arrival, as behind a slow network link. Due chunks are released by a
/// <see cref="DueTimeScheduler"/>, not <see cref="Task.Delay(TimeSpan)"/>, whose coarse timer made +1 ms into about +4 ms.
/// </summary>
internal sealed class LatencyProxy : IAsyncDisposable
{
    // One socket read; a Redis command is usually far smaller, a pipelined burst may fill it.
    private const int ChunkSize = 16 * 1024;

    // Bounds what one connection may hold in flight (up to 16 MiB); a full queue pauses reading from the client.
    private const int QueueCapacity = 1024;

    // A Redis that accepts nothing within this long counts as gone, like a refused connection.
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    // Synchronous continuations let the writer forward a due chunk on the reader's own thread instead of after a
    // thread-pool hop, which is most of the cost at Delay 0.
    private static readonly BoundedChannelOptions QueueOptions = new(QueueCapacity)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait,
        AllowSynchronousContinuations = true,
    };

    private readonly TcpListener _listener;
    private readonly IPEndPoint _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<Task> _open = [];
    private readonly Lock _openLock = new();
    private readonly DueTimeScheduler _clock = new("latency-proxy-clock");
    private readonly Task _acceptLoop;
    private long _delayTicks;
    private long _connections;
    private int _disposed;

    private LatencyProxy(TcpListener listener, IPEndPoint upstream)
    {
        _listener = listener;
        _upstream = upstream;
        Listen = (IPEndPoint)listener.LocalEndpoint;
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>The endpoint actually bound, so callers may ask for port 0 and learn the port chosen.</summary>
    public IPEndPoint Listen { get; }

    /// <summary>
    /// One-way delay added to client-to-upstream bytes, so every request/response round trip takes this much longer;
    /// replies flow back undelayed. May change at any time and applies to bytes read after the change.
    /// </summary>
    public TimeSpan Delay
    {
        get => TimeSpan.FromTicks(Volatile.Read(ref _delayTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            Volatile.Write(ref _delayTicks, value.Ticks);
        }
    }

    /// <summary>Connections accepted so far, so a test or experiment can see that the clients really go through the proxy.</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>Starts listening on <paramref name="listen"/> (port 0 picks a free port) and forwards every accepted connection to <paramref name="upstream"/>.</summary>
    public static LatencyProxy Start(IPEndPoint listen, IPEndPoint upstream)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(upstream);
        var listener = new TcpListener(listen);
        listener.Start();
        return new LatencyProxy(listener, upstream);
    }

    /// <summary>Stops listening, closes every connection and waits for all of them to end; never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        _listener.Stop();
        _clock.Dispose();
        await _acceptLoop;
        Task[] open;
        lock (_openLock)
        {
            open = [.. _open];
        }

        await Task.WhenAll(open);
        _stop.Dispose();
    }

    private static bool IsConnectionEnd(Exception e) =>
        e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or ChannelClosedException;

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (IsConnectionEnd(e) || e is InvalidOperationException)
            {
                // Stopping, or a connection reset before it was accepted: the loop condition tells which.
                continue;
            }

            Interlocked.Increment(ref _connections);
            var connection = ServeAsync(client);
            lock (_openLock)
            {
                _open.Add(connection);
            }

            _ = connection.ContinueWith(
                static (done, state) => ((LatencyProxy)state!).Forget(done), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private void Forget(Task connection)
    {
        lock (_openLock)
        {
            _open.Remove(connection);
        }
    }

    /// <summary>One client connection, from accept to close. Never throws, so disposal can await every connection as is.</summary>
    private async Task ServeAsync(Socket client)
    {
        try
        {
            await PipeAsync(client);
        }
        catch (Exception e) when (IsConnectionEnd(e))
        {
            // Either side went away while setting up (or no socket could be made for upstream).
        }
        finally
        {
            client.Dispose();
        }
    }

    /// <summary>Connects upstream and pumps both ways until either side is done, then closes both sockets.</summary>
    private async Task PipeAsync(Socket client)
    {
        using var upstream = new Socket(_upstream.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        // Closing the sockets is what ends pending reads and writes, whatever the platform does with cancelled I/O.
        await using var close = abort.Token.Register(() =>
        {
            client.Dispose();
            upstream.Dispose();
        });
        client.NoDelay = true;
        upstream.NoDelay = true;
        if (!await ConnectAsync(upstream, abort.Token))
        {
            // Redis is gone: the client sees its connection end now, not a hang.
            return;
        }

        await using var fromClient = new NetworkStream(client, ownsSocket: false);
        await using var toUpstream = new NetworkStream(upstream, ownsSocket: false);
        var queue = Channel.CreateBounded<Chunk>(QueueOptions);
        await Task.WhenAll(
            ReadAndStampAsync(fromClient, queue.Writer, abort),
            WriteWhenDueAsync(queue.Reader, toUpstream, upstream, abort),
            ForwardRepliesAsync(toUpstream, fromClient, client, abort));
    }

    private async Task<bool> ConnectAsync(Socket upstream, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await upstream.ConnectAsync(_upstream, timeout.Token);
            return true;
        }
        catch (Exception e) when (IsConnectionEnd(e))
        {
            return false;
        }
    }

    /// <summary>Client to upstream, first half: stamp each chunk with the time it may leave, so chunks wait for the clock, not for each other.</summary>
    private async Task ReadAndStampAsync(NetworkStream from, ChannelWriter<Chunk> queue, CancellationTokenSource abort)
    {
        try
        {
            while (true)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                var read = await from.ReadAsync(buffer, abort.Token);
                if (read == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    break;
                }

                var due = Stopwatch.GetTimestamp() + ToStopwatchTicks(Volatile.Read(ref _delayTicks));
                await queue.WriteAsync(new Chunk(buffer, read, due), abort.Token);
            }

            // The client half-closed: what is queued still goes out, then the writer half-closes upstream.
            queue.TryComplete();
        }
        catch (Exception e) when (IsConnectionEnd(e))
        {
            await abort.CancelAsync();
            queue.TryComplete();
        }
    }

    /// <summary>Client to upstream, second half: forward each chunk once it is due, in order.</summary>
    private async Task WriteWhenDueAsync(ChannelReader<Chunk> queue, NetworkStream to, Socket upstream, CancellationTokenSource abort)
    {
        try
        {
            while (await queue.WaitToReadAsync(abort.Token))
            {
                while (queue.TryRead(out var chunk))
                {
                    if (Stopwatch.GetTimestamp() < chunk.Due)
                    {
                        await _clock.WaitUntilAsync(chunk.Due);
                    }

                    await to.WriteAsync(chunk.Buffer.AsMemory(0, chunk.Length), abort.Token);
                    ArrayPool<byte>.Shared.Return(chunk.Buffer);
                }
            }

            upstream.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (IsConnectionEnd(e))
        {
            await abort.CancelAsync();
        }
    }

    /// <summary>Upstream to client, undelayed. When upstream ends (Redis killed or closing), the whole connection ends.</summary>
    private static async Task ForwardRepliesAsync(NetworkStream from, NetworkStream to, Socket client, CancellationTokenSource abort)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, abort.Token)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), abort.Token);
            }

            // A FIN, not a reset, so the client reads every reply before it sees the end.
            client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (IsConnectionEnd(e))
        {
            // Closed by either side; the abort below closes the other.
        }
        finally
        {
            await abort.CancelAsync();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static long ToStopwatchTicks(long timeSpanTicks) =>
        timeSpanTicks == 0 ? 0 : (long)(timeSpanTicks * ((double)Stopwatch.Frequency / TimeSpan.TicksPerSecond));

    /// <summary>Bytes read from the client, in a pooled buffer, and the <see cref="Stopwatch"/> timestamp at which they may go on.</summary>
    private readonly record struct Chunk(byte[] Buffer, int Length, long Due);
}
