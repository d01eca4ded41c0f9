using System.Text.Json.Serialization;

namespace SessionLab.Reporting.Model;

/// <summary>
/// One named figure an experiment measured, typed, so the report, the recommendations and <c>compare</c> read it by key
/// instead of parsing table text: e.g. target <c>redis</c>, name <c>qps</c>, unit <c>req/s</c>.
/// </summary>
/// <param name="Target">What was measured: a variant (<c>sticky</c>, <c>jwt+revocation</c>), a ceiling or a peer.</param>
/// <param name="Name">The figure: <c>qps</c>, <c>p50_ms</c>, <c>ratio_to_ceiling</c>, <c>bytes_per_session</c>…</param>
/// <param name="Unit">Its unit: <c>req/s</c>, <c>ms</c>, <c>B</c>, <c>ratio</c>, <c>%</c>.</param>
/// <param name="Value">The figure (a median of rounds, or a paired ratio's geometric mean).</param>
/// <param name="Low">Lower end of its 95 % interval; null when measured once.</param>
/// <param name="High">Upper end of its 95 % interval; null when measured once.</param>
/// <param name="Rounds">Every round's value, in round order (empty when measured once).</param>
public sealed record Metric(string Target, string Name, string Unit, double Value, double? Low = null, double? High = null, IReadOnlyList<double>? Rounds = null)
{
    /// <summary>The metric's key, unique within an experiment: <c>redis/qps</c>.</summary>
    [JsonIgnore]
    public string Key => $"{Target}/{Name}";

    /// <summary>
    /// Whether this figure differs from <paramref name="other"/> (the same metric in another run) beyond both
    /// intervals; null when either lacks an interval.
    /// </summary>
    public bool? DiffersBeyondNoise(Metric other) =>
        Low is { } low && High is { } high && other.Low is { } otherLow && other.High is { } otherHigh
            ? low > otherHigh || otherLow > high
            : null;
}
