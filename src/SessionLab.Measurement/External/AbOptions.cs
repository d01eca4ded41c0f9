namespace SessionLab.Measurement.External;

/// <summary>An ApacheBench run: <c>ab -n {Requests} -c {Concurrency} [-k] [-l] [-H header]… URL</c>, the plan's tool.</summary>
public sealed record AbOptions
{
    /// <summary>Full URL to load (ab needs a path, at least <c>/</c>). Required.</summary>
    public required Uri Url { get; init; }

    /// <summary>Requests in total (<c>-n</c>). Default 10,000, as the plan.</summary>
    public int Requests { get; init; } = 10_000;

    /// <summary>Requests in flight (<c>-c</c>). Default 100, as the plan.</summary>
    public int Concurrency { get; init; } = 100;

    /// <summary>Reuse connections (<c>-k</c>); without it ab opens a connection per request. Default true.</summary>
    public bool KeepAlive { get; init; } = true;

    /// <summary>
    /// Accept bodies of varying length (<c>-l</c>); without it ab counts every 2xx whose length differs from the first
    /// (e.g. another <c>server_id</c>) as failed. Default true.
    /// </summary>
    public bool AcceptVariableLength { get; init; } = true;

    /// <summary>Headers (<c>-H "Name: value"</c>), e.g. a session cookie or a bearer token. Default none.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>How long ab may run before it is killed. Default 5 minutes.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);
}
