using System.Text.Json;

namespace SessionLab.Experiments.Framework;

/// <summary>The outcome of one HTTP request as an experiment sees it. <see cref="Status"/> is 0 when no reply came (see <see cref="Failure"/>).</summary>
internal sealed record Exchange(int Status, string? ServerId, string Body, JsonElement? Json, double ElapsedMs, string? Failure, string? SessionIdSet)
{
    public bool IsOk => Status == 200;

    /// <summary>Every <c>Set-Cookie</c> header of the reply, verbatim (attributes included).</summary>
    public IReadOnlyList<string> SetCookies { get; init; } = [];

    /// <summary>The reply's <c>error</c> string, if any.</summary>
    public string? Error => Property("error");

    /// <summary>A string (or number) property of the JSON reply.</summary>
    public string? Property(string name) =>
        Json is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    /// <summary>"200", "401 session not found", "503 session store unavailable", "timeout".</summary>
    public string Describe() => Status == 0 ? Failure ?? "no reply" : Error is { } error ? $"{Status} {error}" : Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
