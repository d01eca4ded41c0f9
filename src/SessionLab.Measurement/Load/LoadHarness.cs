using System.Diagnostics;
using System.Net;

namespace SessionLab.Measurement.Load;

/// <summary>
/// The connections and workers of one run: a single pool of at most <see cref="LoadOptions.Concurrency"/> keep-alive
/// connections shared by as many workers, each with at most one request in flight, so every worker effectively owns a
/// connection. Warm-up and measurement run as separate phases over the same connections.
/// </summary>
internal sealed class LoadHarness : IDisposable
{
    private readonly LoadOptions _options;
    private readonly HttpMessageInvoker[] _invokers;
    private readonly RequestSender[] _senders;

    public LoadHarness(LoadOptions options, CancellationToken cancellationToken)
    {
        _options = options;
        _senders = new RequestSender[options.Concurrency];

        // One pool for all workers, or, when workers leave from their own addresses, one pool per worker (a pool's
        // connections all come from the address its handler binds).
        _invokers = options.SourceAddressPerWorker is { } source
            ? [.. Enumerable.Range(0, options.Concurrency).Select(i => new HttpMessageInvoker(CreateHandler(options, 1, source(i)), disposeHandler: true))]
            : [new HttpMessageInvoker(CreateHandler(options, options.Concurrency, null), disposeHandler: true)];
        try
        {
            // Asked once per worker: the factory may create a session for each.
            FirstRequest = options.RequestPerWorker?.Invoke(0) ?? options.Request;
            for (var i = 0; i < _senders.Length; i++)
            {
                var template = i == 0 ? FirstRequest : options.RequestPerWorker?.Invoke(i) ?? options.Request;
                _senders[i] = new RequestSender(_invokers[i % _invokers.Length], new PreparedRequest(options.Target, template), options.RequestTimeout, cancellationToken);
            }
        }
        catch
        {
            // A factory that fails for worker i must not leak the connections and buffers of workers 0..i-1.
            Dispose();
            throw;
        }
    }

    /// <summary>Worker 0's request, the one a report names.</summary>
    public RequestTemplate FirstRequest { get; }

    /// <summary>Runs <paramref name="loop"/> on every worker without recording and waits for all.</summary>
    public Task WarmUpAsync(Func<RequestSender, WorkerRecorder?, Task> loop) =>
        Task.WhenAll(_senders.Select(sender => Task.Run(() => loop(sender, null))));

    /// <summary>
    /// Runs <paramref name="loop"/> on every worker, each with its own recorder, and times the whole phase from
    /// <paramref name="origin"/> (default now): an open-loop run passes its schedule's t0, so the duration (and the QPS
    /// from it) covers the whole schedule rather than starting a little after it.
    /// </summary>
    public async Task<(WorkerRecorder[] Workers, TimeSpan Duration)> MeasureAsync(
        Func<RequestSender, WorkerRecorder?, Task> loop, bool recordServiceTime, long? origin = null)
    {
        var start = origin ?? Stopwatch.GetTimestamp();
        var highest = _options.HighestTrackableLatency.Ticks;
        var workers = _senders.Select(_ => new WorkerRecorder(start, highest, recordServiceTime)).ToArray();
        await Task.WhenAll(_senders.Select((sender, i) => Task.Run(() => loop(sender, workers[i])))).ConfigureAwait(false);
        return (workers, Stopwatch.GetElapsedTime(start));
    }

    public void Dispose()
    {
        foreach (var sender in _senders)
        {
            sender?.Dispose();
        }

        foreach (var invoker in _invokers)
        {
            invoker.Dispose();
        }
    }

    private static SocketsHttpHandler CreateHandler(LoadOptions options, int connections, IPAddress? source) => new()
    {
        MaxConnectionsPerServer = connections,
        // The generator's own sockets, from the worker's address if it has one, with inline completions (less CPU per request).
        ConnectCallback = (context, cancellationToken) => SourceAddressConnector.ConnectAsync(source, context.DnsEndPoint, inlineCompletions: true, cancellationToken),

        // Connections live as long as the run: reconnecting mid-run would be measured as server latency.
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        ConnectTimeout = options.RequestTimeout,

        // Requests carry their credentials as explicit headers and are measured exactly as sent.
        UseCookies = false,
        AllowAutoRedirect = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
    };
}
