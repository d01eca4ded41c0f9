namespace SessionLab.Measurement.Load;

/// <summary>
/// One request as data (method, path, headers, body). The generators turn it into a fresh
/// <see cref="HttpRequestMessage"/> per send, because HttpClient never sends a message twice; credentials travel as
/// explicit headers (there is no cookie container), so each worker can carry its own session.
/// </summary>
public sealed record RequestTemplate
{
    /// <summary>A GET of <paramref name="path"/>.</summary>
    public RequestTemplate(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
    }

    /// <summary>HTTP method. Default GET.</summary>
    public HttpMethod Method { get; init; } = HttpMethod.Get;

    /// <summary>Path and query relative to <see cref="LoadOptions.Target"/> (e.g. <c>/profile</c>); an absolute URL is used as is.</summary>
    public string Path { get; init; }

    /// <summary>Headers sent on every request, e.g. <c>Cookie: session_id=…</c> or <c>Authorization: Bearer …</c>. Default none.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Request body; empty (the default) sends none.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Content type of <see cref="Body"/>. Default <c>application/json</c>.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>A copy with one more header.</summary>
    public RequestTemplate WithHeader(string name, string value) =>
        this with { Headers = [.. Headers, new KeyValuePair<string, string>(name, value)] };

    /// <summary>A copy sending <c>Cookie: name=value</c>.</summary>
    public RequestTemplate WithCookie(string name, string value) => WithHeader("Cookie", $"{name}={value}");

    /// <summary>A copy sending <c>Authorization: Bearer token</c>.</summary>
    public RequestTemplate WithBearer(string token) => WithHeader("Authorization", $"Bearer {token}");
}
