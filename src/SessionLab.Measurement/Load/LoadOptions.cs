namespace SessionLab.Measurement.Load;

/// <summary>
/// What to load and how hard. A run stops after <see cref="RequestCount"/> requests or <see cref="Duration"/>,
/// whichever comes first (at least one is required); <see cref="Rate"/> is for the open loop only.
/// </summary>
public sealed record LoadOptions
{
    /// <summary>Base address the request paths are relative to, e.g. <c>http://127.0.0.1:8080</c>. Required.</summary>
    public required Uri Target { get; init; }

    /// <summary>The request every worker sends. Default <c>GET /</c>.</summary>
    public RequestTemplate Request { get; init; } = new("/");

    /// <summary>
    /// The request of worker <c>i</c> (0 ≤ i &lt; <see cref="Concurrency"/>), called once per worker before the run,
    /// e.g. to give each worker its own session; overrides <see cref="Request"/>. Default null.
    /// </summary>
    public Func<int, RequestTemplate>? RequestPerWorker { get; init; }

    /// <summary>
    /// The local address worker <c>i</c> connects from, e.g. one loopback address per /24 so an ip_hash balancer spreads
    /// the load as it would real users'; null (default) lets the system choose, so every worker shares one address.
    /// </summary>
    public Func<int, System.Net.IPAddress>? SourceAddressPerWorker { get; init; }

    /// <summary>Workers, each with one keep-alive HTTP/1.1 connection (ab's <c>-c</c>). Default 1.</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>Requests to measure, across all workers (ab's <c>-n</c>). Default null (use <see cref="Duration"/>).</summary>
    public long? RequestCount { get; init; }

    /// <summary>How long to measure (wrk's <c>-d</c>). Default null (use <see cref="RequestCount"/>).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Open loop only: requests per second across all workers (wrk2's <c>-R</c>). Default null.</summary>
    public double? Rate { get; init; }

    /// <summary>Requests sent before measuring, on the same connections, and not recorded. Default 0.</summary>
    public int WarmupRequests { get; init; }

    /// <summary>A request (connect, send, read the whole body) taking longer counts as <c>timeout</c>. Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest latency the histogram resolves; longer ones are counted at this value. Default 60 s.</summary>
    public TimeSpan HighestTrackableLatency { get; init; } = TimeSpan.FromSeconds(60);
}
