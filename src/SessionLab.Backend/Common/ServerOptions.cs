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

    /// <summary>When set, the backend exits once this process is gone, so a crashed lab leaves no orphans.</summary>
    public int? ParentProcessId { get; set; }
}
