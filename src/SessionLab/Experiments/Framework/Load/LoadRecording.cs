using System.Globalization;
using SessionLab.Measurement.Load;
using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.Framework.Load;

/// <summary>Keeps a load run's figures in the results: one observation with its summary, the distribution as a chart.</summary>
internal static class LoadRecording
{
    public static void Record(ExperimentContext context, string name, LoadResult result)
    {
        var failures = string.Join(", ", result.FailuresByKind.Select(f => $"{f.Key}: {f.Value}"));
        context.Recorder.Record(new Observation(
            0, 0, ObservationKind.Note, string.Empty,
            Url: result.Configuration.Url,
            ElapsedMs: Math.Round(result.Latency.MeanMs, 4),
            Key: name,
            Value: string.Create(CultureInfo.InvariantCulture, $"requests={result.TotalRequests} ok={result.Successes} seconds={result.DurationSeconds:0.###} qps={result.SuccessesPerSecond:0.#} p50={result.Latency.P50Ms:0.###} p95={result.Latency.P95Ms:0.###} p99={result.Latency.P99Ms:0.###} max={result.Latency.MaxMs:0.###}"),
            Note: failures.Length > 0 ? $"failures: {failures}" : "no failures"));
    }

    public static ChartSeries Distribution(string name, LoadResult result) =>
        new(name, "percentile", "latency (ms)", [.. result.Latency.Distribution.Select(p => new ChartPoint(p.Percentile, p.ValueMs))]);

    public static ChartSeries Timeline(string name, LoadResult result) =>
        new(name, "second", "requests completed", [.. result.Timeline.Seconds.Select(s => new ChartPoint(s.Second, s.Completed))]);

    public static string Ms(double value) => value.ToString(value < 10 ? "0.000" : "0.0", CultureInfo.InvariantCulture);
}
