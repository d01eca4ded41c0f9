using System.Globalization;
using SessionLab.Experiments.Framework;
using SessionLab.Experiments.Framework.Load;
using SessionLab.Measurement.Load;
using SessionLab.Measurement.Statistics;
using SessionLab.Reporting.Model;


namespace SessionLab.Experiments.Performance;

/// <summary>4.1 — how long does one request take with each scheme, one client at a time?</summary>
internal sealed class LatencyExperiment : Experiment<LatencyExperiment, LatencyFacts>, IJudge<LatencyFacts>
{
    private static readonly Hypothesis H1 = new("H1", "Sticky sessions have the lowest latency of the three schemes (the plan: 0.1–0.5 ms).");

    private static readonly Hypothesis H2 = new("H2", "JWT sits between sticky and Redis (the plan: 0.3–1 ms).");

    private static readonly Hypothesis H3 = new("H3", "Redis sessions are the slowest, by about one Redis round trip (the plan: 1–3 ms).");

    public override ExperimentInfo Info { get; } = new(
        "4.1",
        4,
        "Latency",
        "How long does one authenticated request take with each scheme, one client at a time?",
        [H1, H2, H3]);

    protected override async Task<LatencyFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var quick = context.Settings.Quick;
        var rounds = context.Parameter("rounds", context.Settings.Rounds ?? (quick ? 3 : 5));

        // The plan sends 100; 400 per round gives a P99 from four requests rather than the single worst one.
        var requests = context.Parameter("requests_per_round", context.Settings.Requests ?? (quick ? 200 : 400));
        var duration = context.Settings.Duration is { } d ? context.Parameter("duration_per_round", d) : (TimeSpan?)null;

        // Enough warm-up for the JIT to reach steady state (tiered compilation): a cold backend is several times slower.
        // Each later round only re-opens its connection.
        var warmup = context.Parameter("warmup_first_round", quick ? 500 : 2_000);
        var targets = PerformanceTarget.All(context);

        context.Step($"measure the lab-to-Redis round trip (PING), {rounds} batches");
        var pingBatches = new List<double>();
        for (var batch = 0; batch < rounds; batch++)
        {
            var pings = await context.Redis.PingAsync(100);
            if (pings.Count > 0)
            {
                pingBatches.Add(Estimate.Median(pings));
            }
        }

        var ping = pingBatches.Count > 0 ? Estimate.OfMedian(pingBatches) : null;

        var runs = await InterleavedRounds.RunAsync(context, targets, rounds, async (candidate, round, ct) =>
        {
            if (await candidate.WithUsersAsync(context, 1, ct) is not { } target)
            {
                return null;
            }

            var result = await new ClosedLoopGenerator().RunAsync(target.Load(1, requests, duration, round == 0 ? warmup : 50), ct);
            LoadRecording.Record(context, $"{target.Name}, round {round + 1}", result);
            if (round == rounds - 1)
            {
                context.AddChart(LoadRecording.Distribution($"latency: {target.Name} (round {round + 1})", result));
            }

            if (result.Failures > 0)
            {
                context.Anomaly($"{target.Name}, round {round + 1}: {result.Failures} of {result.TotalRequests} requests failed ({string.Join(", ", result.FailuresByKind.Select(f => $"{f.Key} ×{f.Value}"))}).");
            }

            return result;
        }, cancellationToken);

        // A round whose requests failed measured something broken: it gives no latency figure.
        return new LatencyFacts(
            InterleavedRounds.Series(runs, rounds, r => r.Successes > 0 && r.Failures == 0 ? r.Latency.P50Ms : null),
            InterleavedRounds.Series(runs, rounds, r => r.Successes > 0 && r.Failures == 0 ? r.Latency.P99Ms : null),
            ping,
            [.. targets.Select(t => t.Name)],
            duration is { } span ? $"{span.TotalSeconds:0.#} s" : $"{requests} requests");
    }

    protected override void Tabulate(ExperimentContext context, LatencyFacts facts)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var target in facts.Targets)
        {
            if (facts.P50.Of(target) is not { } p50 || facts.P99.Of(target) is not { } p99)
            {
                rows.Add([target, "not measured", "-", "-"]);
                continue;
            }

            rows.Add([target, EstimateText.Ms(p50), EstimateText.Ms(p99), Format.Count(p50.Rounds.Count)]);
            context.AddMetric(EstimateText.ToMetric(target, "p50_ms", "ms", p50));
            context.AddMetric(EstimateText.ToMetric(target, "p99_ms", "ms", p99));
        }

        context.AddTable($"Latency of one client: median of rounds (95 % interval), {facts.PerRound} of serial requests per round (ms)", ["target", "P50", "P99", "rounds"], rows);

        var gap = facts.RedisMinusSticky();
        context.AddTable(
            "Redis round trip from the lab, and what Redis sessions add to it",
            ["measure", "value", "goal", "met"],
            [
                ["PING (median of batches, 95 % interval)", facts.RedisPing is { } p ? $"{EstimateText.Ms(p)} ms" : "no answer", string.Empty, string.Empty],
                ["Redis P50 − sticky P50 (per round)", gap is { } g ? $"{EstimateText.Ms(g)} ms" : "not measured", facts.RedisPingMs is { } ping ? $"≤ 2 × PING = {LoadRecording.Ms(2 * ping)} ms" : "-", GapMet(facts)],
            ]);
        if (facts.RedisPing is { } pingMs)
        {
            context.AddMetric(EstimateText.ToMetric("redis", "ping_ms", "ms", pingMs));
        }
    }

    /// <summary>The verdicts from the rounds' medians, judged beyond the noise only (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(LatencyFacts facts)
    {
        var p50 = facts.P50;
        yield return OrderingJudgement.Judge(H1, p50, [(TargetNames.Jwt, TargetNames.Sticky), (TargetNames.Redis, TargetNames.Sticky)], "P50", EstimateText.Ms, Display);
        yield return OrderingJudgement.Judge(H2, p50, [(TargetNames.Jwt, TargetNames.Sticky), (TargetNames.Redis, TargetNames.Jwt)], "P50", EstimateText.Ms, Display);

        var h3 = OrderingJudgement.Judge(H3, p50, [(TargetNames.Redis, TargetNames.Sticky), (TargetNames.Redis, TargetNames.Jwt)], "P50", EstimateText.Ms, Display);
        var gap = facts.RedisMinusSticky();
        yield return gap is null || facts.RedisPingMs is not { } ping
            ? h3
            : h3.Extend(CultureInfo.InvariantCulture, $" Redis − sticky = {EstimateText.Ms(gap)} ms against a measured Redis PING of {ping:0.000} ms.");
    }

    private static string GapMet(LatencyFacts facts) =>
        facts.RedisMinusSticky() is not { } gap || facts.RedisPingMs is not { } ping
            ? "not measured"
            : !gap.HasInterval ? "one round: not judged"
            : gap.High <= 2 * ping ? "yes"
            : gap.Low > 2 * ping ? "no"
            : "within noise";

    private static string Display(string target) => target;
}

/// <summary>What 4.1 measured: P50 and P99 of every target in every round, and the lab-to-Redis PING (median per batch).</summary>
internal sealed record LatencyFacts(RoundSeries P50, RoundSeries P99, Estimate? RedisPing, IReadOnlyList<string> Targets, string PerRound)
{
    /// <summary>The PING's median over its batches, in ms.</summary>
    public double? RedisPingMs => RedisPing?.Value;

    /// <summary>Redis P50 minus sticky P50, round by round (paired): what a Redis session adds to a request.</summary>
    public Estimate? RedisMinusSticky()
    {
        if (!P50.ByTarget.TryGetValue(TargetNames.Redis, out var redis) || !P50.ByTarget.TryGetValue(TargetNames.Sticky, out var sticky))
        {
            return null;
        }

        var gaps = redis.Zip(sticky).Where(p => p.First is not null && p.Second is not null).Select(p => p.First!.Value - p.Second!.Value).ToList();
        return gaps.Count > 0 ? Estimate.OfMedian(gaps) : null;
    }
}
