namespace SessionLab.Backend.Common;

/// <summary>Who this backend is and where it listens. Section <c>Server</c>.</summary>
public sealed class ServerOptions
{
    public const string SectionName = "Server";

    /// <summary>Reported as <c>server_id</c> in every reply. Default <c>server-1</c>.</summary>
    public string Id { get; set; } = "server-1";

    /// <summary>Which session scheme this process serves.</summary>
    public SchemeKind Scheme { get; set; } = SchemeKind.Sticky;

    /// <summary>Address to listen on. Default loopback; use 0.0.0.0 in a container.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>TCP port. Default 8081.</summary>
    public int Port { get; set; } = 8081;

    /// <summary>Largest accepted request body in bytes (login bodies are tiny). Default 8 KiB.</summary>
    public int MaxBodyBytes { get; set; } = 8 * 1024;

    /// <summary>Largest accepted <c>Cookie</c> header in bytes. Default 4 KiB, the browsers' own per-cookie limit.</summary>
    public int MaxCookieHeaderBytes { get; set; } = 4 * 1024;

    /// <summary>
    /// After SIGTERM (or Ctrl+C), how long the backend keeps serving before it stops accepting: every answer then carries
    /// <c>Connection: close</c> and <c>/health</c> says 503, so the balancer retires its kept-alive connections after a
    /// complete response instead of having them closed under a request it already sent (a POST it may not retry).
    /// Longer than the balancers' upstream keep-alive timeout (1 s), so idle connections are gone by then too. Default 1.5 s; 0 turns draining off.
    /// </summary>
    public TimeSpan DrainTime { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>After the drain, how long requests still in flight may take to finish before Kestrel cuts them. Default 5 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Most client connections served at once; further ones are refused by Kestrel until one closes, so a connection
    /// flood costs bounded memory. Default 10,000 (the lab's balancers keep at most a few hundred).
    /// </summary>
    public long MaxConnections { get; set; } = 10_000;

    /// <summary>When set, the backend exits once this process is gone, so a crashed lab leaves no orphans.</summary>
    public int? ParentProcessId { get; set; }
}
