using System.Globalization;

namespace SessionLab.Measurement.Load;

/// <summary>The settings that produced a <see cref="LoadResult"/>, as plain data for reports.</summary>
/// <param name="Mode">Closed or open loop.</param>
/// <param name="Method">HTTP method of worker 0's request.</param>
/// <param name="Url">Full URL of worker 0's request.</param>
/// <param name="Concurrency">Workers (one connection each).</param>
/// <param name="Rate">Open loop: requests per second; null in a closed loop.</param>
/// <param name="RequestCount">Requests asked for, if a count was given.</param>
/// <param name="DurationSeconds">Duration asked for, if one was given.</param>
/// <param name="WarmupRequests">Unrecorded requests sent first.</param>
/// <param name="RequestTimeoutSeconds">Per-request timeout.</param>
public sealed record LoadConfiguration(
    LoadMode Mode,
    string Method,
    string Url,
    int Concurrency,
    double? Rate,
    long? RequestCount,
    double? DurationSeconds,
    int WarmupRequests,
    double RequestTimeoutSeconds)
{
    internal static LoadConfiguration From(LoadOptions options, LoadMode mode, RequestTemplate request) => new(
        mode,
        request.Method.Method,
        new Uri(options.Target, request.Path).ToString(),
        options.Concurrency,
        options.Rate,
        options.RequestCount,
        options.Duration?.TotalSeconds,
        options.WarmupRequests,
        options.RequestTimeout.TotalSeconds);

    /// <summary>A one-line description, e.g. <c>closed loop, c=100, n=10000, GET http://…/profile</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string> { Mode == LoadMode.ClosedLoop ? "closed loop" : "open loop", $"c={Concurrency}" };
        if (Rate is { } rate)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"rate={rate}/s"));
        }

        if (RequestCount is { } count)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"n={count}"));
        }

        if (DurationSeconds is { } seconds)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"d={seconds}s"));
        }

        if (WarmupRequests > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"warm-up={WarmupRequests}"));
        }

        parts.Add($"{Method} {Url}");
        return string.Join(", ", parts);
    }
}
