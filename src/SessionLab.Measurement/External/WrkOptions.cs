namespace SessionLab.Measurement.External;

/// <summary>A wrk run: <c>wrk -t{Threads} -c{Connections} -d{Duration}s --latency [-H header]… URL</c>.</summary>
public sealed record WrkOptions
{
    /// <summary>Full URL to load. Required.</summary>
    public required Uri Url { get; init; }

    /// <summary>Open connections (<c>-c</c>). Default 50.</summary>
    public int Connections { get; init; } = 50;

    /// <summary>Threads (<c>-t</c>); lowered to <see cref="Connections"/> if above, as wrk requires. Default 2.</summary>
    public int Threads { get; init; } = 2;

    /// <summary>Test length (<c>-d</c>, whole seconds, at least 1). Default 10 s.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Headers (<c>-H "Name: value"</c>), e.g. a session cookie or a bearer token. Default none.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>wrk's per-request timeout (<c>--timeout</c>, whole seconds); null keeps wrk's 2 s. Default null.</summary>
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>Extra time beyond <see cref="Duration"/> before the process is killed. Default 30 s.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(30);
}
