using System.Globalization;
using SessionLab.Experiments.Framework;
using SessionLab.Experiments.Framework.Load;
using SessionLab.Measurement.Load;
using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.Performance;

/// <summary>4.1 — how long does one request take with each scheme, one client at a time?</summary>
internal sealed class LatencyExperiment : Experiment<LatencyExperiment, LatencyFacts>, IJudge<LatencyFacts>
{
    public override ExperimentInfo Info { get; } = new(
        "4.1",
        4,
        "Latency",
        "How long does one authenticated request take with each scheme, one client at a time?",
        [
            new("H1", "Sticky sessions have the lowest latency of the three schemes (the plan: 0.1–0.5 ms)."),
            new("H2", "JWT sits between sticky and Redis (the plan: 0.3–1 ms)."),
            new("H3", "Redis sessions are the slowest, by about one Redis round trip (the plan: 1–3 ms)."),
        ]);

    protected override async Task<LatencyFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var quick = context.Settings.Quick;
        // The plan sends 100; more gives stable tails (a P99 of 100 samples is the second-worst request).
        var requests = context.Parameter("requests", context.Settings.Requests ?? (quick ? 300 : 2_000));
        var duration = context.Settings.Duration is { } d ? context.Parameter("duration", d) : (TimeSpan?)null;
        // Enough warm-up for the JIT to reach steady state (tiered compilation): a cold backend is several times slower.
        var warmup = context.Parameter("warmup", quick ? 500 : 2_000);
        var targets = PerformanceTarget.All(context);

        context.Step("measure the lab-to-Redis round trip (PING)");
        var pings = await context.Redis.PingAsync(quick ? 100 : 500);
        var pingMedian = pings.Count > 0 ? pings.Order().ElementAt(pings.Count / 2) : (double?)null;

        var rows = new List<IReadOnlyList<string>>();
        var medians = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var candidate in targets)
        {
            context.Step($"{candidate.Name}: log in, then {requests} serial requests to {candidate.Path} after {warmup} warm-up");
            if (await candidate.WithUsersAsync(context, 1, cancellationToken) is not { } target)
            {
                continue;
            }

            var result = await new ClosedLoopGenerator().RunAsync(
                new LoadOptions { Target = target.Balancer, RequestPerWorker = target.RequestFor, Concurrency = 1, RequestCount = duration is null ? requests : null, Duration = duration, WarmupRequests = warmup },
                cancellationToken);
            LoadRecording.Record(context, target.Name, result);
            context.AddChart(LoadRecording.Distribution($"latency: {target.Name}", result));
            var l = result.Latency;
            rows.Add([target.Name, LoadRecording.Ms(l.MinMs), LoadRecording.Ms(l.MeanMs), LoadRecording.Ms(l.P50Ms), LoadRecording.Ms(l.P95Ms), LoadRecording.Ms(l.P99Ms), LoadRecording.Ms(l.MaxMs), result.Failures.ToString(CultureInfo.InvariantCulture)]);
            if (result.Successes > 0)
            {
                medians[target.Name] = l.P50Ms;
            }

            if (result.Failures > 0)
            {
                context.Anomaly($"{target.Name}: {result.Failures} of {result.TotalRequests} requests failed ({string.Join(", ", result.FailuresByKind.Select(f => $"{f.Key} ×{f.Value}"))}).");
            }
        }

        context.AddTable($"Latency of one client, {(duration is { } span ? $"{span.TotalSeconds:0.#} s" : $"{requests} requests")} of serial requests per target (ms)", ["target", "min", "mean", "P50", "P95", "P99", "max", "failed"], rows);
        context.AddTable("Redis round trip from the lab", ["measure", "value"], [["PING median", pingMedian is { } p ? $"{LoadRecording.Ms(p)} ms" : "no answer"], ["samples", pings.Count.ToString(CultureInfo.InvariantCulture)]]);

        return new LatencyFacts(medians.GetValueOrDefault("sticky"), medians.GetValueOrDefault("jwt"), medians.GetValueOrDefault("redis"), pingMedian);
    }

    /// <summary>The verdicts from the three medians and the Redis round trip (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(ExperimentInfo info, LatencyFacts facts)
    {
        var (sticky, jwt, redis) = (facts.StickyP50, facts.JwtP50, facts.RedisP50);
        var measured = sticky > 0 && jwt > 0 && redis > 0;
        var order = string.Create(CultureInfo.InvariantCulture, $"P50: sticky {sticky:0.000} ms, JWT {jwt:0.000} ms, Redis {redis:0.000} ms");

        var h1 = info["H1"];
        yield return !measured
            ? h1.Inconclusive("Not every scheme could be measured.")
            : h1.Holds(sticky <= Math.Min(jwt, redis), order + ".");

        var h2 = info["H2"];
        yield return !measured
            ? h2.Inconclusive("Not every scheme could be measured.")
            : h2.Holds(jwt >= sticky && jwt <= redis, order + ".");

        var h3 = info["H3"];
        var gap = redis - sticky;
        yield return !measured
            ? h3.Inconclusive("Not every scheme could be measured.")
            : h3.Holds(redis >= Math.Max(sticky, jwt), string.Create(CultureInfo.InvariantCulture, $"{order}; Redis − sticky = {gap:0.000} ms against a measured Redis PING of {facts.RedisPingMs ?? double.NaN:0.000} ms."));
    }
}

/// <summary>What 4.1 measured, reduced to what its verdicts need (0 = not measured).</summary>
internal sealed record LatencyFacts(double StickyP50, double JwtP50, double RedisP50, double? RedisPingMs);
