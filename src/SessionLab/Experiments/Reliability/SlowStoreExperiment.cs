using System.Globalization;
using System.Net;
using SessionLab.Backend.Common;
using SessionLab.Experiments.Framework;
using SessionLab.Experiments.Framework.FaultsUnderLoad;
using SessionLab.Experiments.Framework.Load;
using SessionLab.Faults;
using SessionLab.Measurement.Load;
using SessionLab.Reporting.Model;
using SessionLab.Topology;

namespace SessionLab.Experiments.Reliability;

/// <summary>
/// 6.7 — a store does not only die, it slows down (a busy shared Redis, a cross-zone hop). A TCP proxy between two extra
/// backends and the store adds a delay to every round trip: what do the redis scheme and JWT with a blacklist pay, and do
/// requests fail cleanly once the store is slower than the backends' store timeout?
/// </summary>
internal sealed class SlowStoreExperiment : Experiment<SlowStoreExperiment, SlowStoreFacts>, IJudge<SlowStoreFacts>
{
    // The targets' names in the tables (their variants' names in the metrics: see VariantOf).
    private const string Blacklisted = "jwt + blacklist";
    private const string Stateless = "jwt, no revocation";

    /// <summary>The backends' store timeout (connect, sync and async: SessionLab.Backend's RedisConnection).</summary>
    public static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(1);

    private static readonly Hypothesis H1 = new("H1", "One store round trip per request: at each added delay the median latency of both stateful schemes rises by at least the delay and by less than 1.5× it plus 2 ms.");

    private static readonly Hypothesis H2 = new("H2", "Up to +100 ms a slower store costs latency and throughput, not errors: no request fails.");

    private static readonly Hypothesis H3 = new("H3", "Past the store timeout requests fail cleanly: 503 within 1.5× the timeout, never a hang, never a 500.");

    private static readonly Hypothesis H4 = new("H4", "JWT without revocation does not notice: its median at the largest delay stays within 2× of its median without delay.");

    public override ExperimentInfo Info { get; } = new(
        "6.7",
        6,
        "Redis slowed down",
        "As the store slows down (+1, +10, +100 ms per round trip), what do the redis scheme and JWT with a blacklist pay in latency and throughput, and do requests fail cleanly past the store timeout?",
        [H1, H2, H3, H4]);

    protected override async Task<SlowStoreFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var quick = context.Settings.Quick;
        TimeSpan[] delays = [TimeSpan.Zero, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100)];
        context.Parameter("added_delays_ms", string.Join(", ", delays.Select(d => d.TotalMilliseconds.ToString(CultureInfo.InvariantCulture))));
        var samples = context.Parameter("serial_requests_per_step", quick ? 20 : 100);
        var concurrency = context.Parameter("concurrency", context.Settings.Concurrency ?? (quick ? 8 : 32));
        var loadDuration = context.Parameter("load_duration_per_step", context.Settings.Duration ?? (quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(5)));
        var warmup = context.Parameter("warmup_requests_per_target", quick ? 500 : 2000);
        var pastTimeout = context.Parameter("delay_past_the_timeout", StoreTimeout * 1.5);
        var timeoutProbes = context.Parameter("requests_past_the_timeout", 5);
        context.Parameter("store_timeout", StoreTimeout);

        context.Step("start a latency proxy in front of the store, and a redis backend and a JWT backend whose Redis is that proxy");
        var storePort = int.Parse(context.Topology.Store.Configuration.Split(':')[^1], CultureInfo.InvariantCulture);
        await using var proxy = LatencyProxy.Start(new IPEndPoint(IPAddress.Loopback, context.Topology.Ports.ExtraStore(9)), new IPEndPoint(IPAddress.Loopback, storePort));
        var through = $"127.0.0.1:{proxy.Listen.Port.ToString(CultureInfo.InvariantCulture)}";
        await using var redis = await context.Topology.StartExtraBackendAsync(SchemeKind.Redis, 7, "redis-slow-store", l => l with { StoreConfiguration = through, SessionTtl = TimeSpan.FromMinutes(10) }, cancellationToken);
        await using var jwt = await context.Topology.StartExtraBackendAsync(SchemeKind.Jwt, 8, "jwt-slow-store", l => l with { StoreConfiguration = through }, cancellationToken);

        context.Step($"{concurrency} users log in on each backend (no delay yet)");
        Target[] targets =
        [
            new("redis", await Users(context, SchemeKind.Redis, redis, "/profile", concurrency, cancellationToken)),
            new(Blacklisted, await Users(context, SchemeKind.Jwt, jwt, "/profile-with-blacklist", concurrency, cancellationToken)),
            new(Stateless, await Users(context, SchemeKind.Jwt, jwt, "/profile", concurrency, cancellationToken)),
        ];
        if (targets.Any(t => t.Load is null))
        {
            context.JudgeAllInconclusive("The users could not log in.");
            return null;
        }

        // The backends were just started: without a warm-up the +0 ms baseline runs on cold code (tier-0 JIT, empty
        // connection pools) and its inflated median hides part of the first delay's rise.
        context.Step($"warm up each target with {warmup} requests from {concurrency} workers (not recorded)");
        foreach (var target in targets)
        {
            await new ClosedLoopGenerator().RunAsync(
                new LoadOptions { Target = target.Load!.Balancer, RequestPerWorker = target.Load.RequestFor, Concurrency = concurrency, RequestCount = warmup, RequestTimeout = TimeSpan.FromSeconds(5) },
                cancellationToken);
            await SerialAsync(target.Load, samples, cancellationToken);
        }

        var steps = new List<SlowStoreStep>();
        foreach (var delay in delays)
        {
            proxy.Delay = delay;
            context.Step($"+{Ms(delay)} ms per store round trip: {samples} serial requests, then {concurrency} workers for {loadDuration.TotalSeconds:0.#} s, per target");
            foreach (var target in targets)
            {
                var serial = await SerialAsync(target.Load!, samples, cancellationToken);
                var load = await new ClosedLoopGenerator().RunAsync(
                    new LoadOptions { Target = target.Load!.Balancer, RequestPerWorker = target.Load.RequestFor, Concurrency = concurrency, Duration = loadDuration, RequestTimeout = TimeSpan.FromSeconds(5) },
                    cancellationToken);
                LoadRecording.Record(context, $"{target.Name}, store +{Ms(delay)} ms", load);
                steps.Add(new SlowStoreStep(target.Name, delay, Median(serial), Quantile(serial, 0.99), serial.Count(s => s.Status != 200), load.SuccessesPerSecond, load.Failures, load.FailuresByKind));
            }
        }

        proxy.Delay = pastTimeout;
        context.Step($"+{Ms(pastTimeout)} ms, past the backends' {StoreTimeout.TotalSeconds:0} s store timeout: {timeoutProbes} serial requests per target");
        var timeouts = new List<TimeoutProbe>();
        foreach (var target in targets)
        {
            foreach (var (status, ms) in await SerialAsync(target.Load!, timeoutProbes, cancellationToken, TimeSpan.FromSeconds(10)))
            {
                timeouts.Add(new TimeoutProbe(target.Name, status, ms));
            }
        }

        proxy.Delay = TimeSpan.Zero;

        return new SlowStoreFacts(steps, timeouts) { PastTimeout = pastTimeout };
    }

    protected override void Tabulate(ExperimentContext context, SlowStoreFacts facts)
    {
        var (steps, timeouts, pastTimeout) = (facts.Steps, facts.Timeouts, facts.PastTimeout);
        context.AddTable(
            "Latency and throughput as the store slows down (backends directly, no load balancer)",
            ["target", "added delay (ms)", "median ms", "p99 ms", "serial non-200", "QPS", "failed (by kind)"],
            steps.Select(s => (IReadOnlyList<string>)
            [
                s.Target, Ms(s.Delay), LoadRecording.Ms(s.MedianMs), LoadRecording.Ms(s.P99Ms), s.SerialFailures.ToString(CultureInfo.InvariantCulture),
                s.Qps.ToString("0", CultureInfo.InvariantCulture), FailureTally.All(s.FailuresByKind),
            ]));
        context.AddTable(
            $"Past the store timeout (+{Ms(pastTimeout)} ms)",
            ["target", "replies", "slowest (ms)"],
            timeouts.GroupBy(t => t.Target).Select(g => (IReadOnlyList<string>)
            [
                g.Key,
                string.Join(", ", g.GroupBy(t => t.Status == 0 ? "no reply" : t.Status.ToString(CultureInfo.InvariantCulture)).Select(s => $"{s.Key} ×{s.Count().ToString(CultureInfo.InvariantCulture)}")),
                LoadRecording.Ms(g.Max(t => t.ElapsedMs)),
            ]));
        AddMetrics(context, facts);
        foreach (var target in steps.Select(s => s.Target).Distinct())
        {
            context.AddChart(new ChartSeries($"median latency vs store delay: {target}", "added delay (ms)", "median latency (ms)", [.. steps.Where(s => s.Target == target).Select(s => new ChartPoint(s.Delay.TotalMilliseconds, s.MedianMs))]));
        }
    }

    /// <summary>The verdicts from the measurements alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(SlowStoreFacts facts) => Judge(facts.Steps, facts.Timeouts);

    internal static IEnumerable<HypothesisVerdict> Judge(IReadOnlyList<SlowStoreStep> steps, IReadOnlyList<TimeoutProbe> timeouts)
    {
        var stateful = steps.Where(s => s.Target != Stateless).ToList();
        var rises = stateful.Where(s => s.Delay > TimeSpan.Zero).Select(s =>
        {
            var baseline = stateful.First(b => b.Target == s.Target && b.Delay == TimeSpan.Zero).MedianMs;
            var rise = s.MedianMs - baseline;
            var delay = s.Delay.TotalMilliseconds;
            return (s.Target, Delay: delay, Rise: rise, Within: rise >= delay * 0.9 && rise < (delay * 1.5) + 2);
        }).ToList();
        yield return rises.Count == 0
            ? H1.Inconclusive("No step with an added delay was measured.")
            : H1.Holds(rises.All(r => r.Within), string.Join("; ", rises.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Target} +{r.Delay:0.#} ms → median +{r.Rise:0.00} ms{(r.Within ? string.Empty : " (outside)")}"))) + ".");

        var failed = stateful.Where(s => s.Failures > 0 || s.SerialFailures > 0).ToList();
        yield return stateful.Count == 0
            ? H2.Inconclusive("Nothing was measured.")
            : H2.Holds(failed.Count == 0, failed.Count == 0
                    ? $"No request failed at any delay; QPS {string.Join("; ", stateful.GroupBy(s => s.Target).Select(g => $"{g.Key} {string.Join(" → ", g.Select(s => s.Qps.ToString("0", CultureInfo.InvariantCulture)))}"))}."
                    : $"Failures: {string.Join("; ", failed.Select(s => $"{s.Target} at +{Ms(s.Delay)} ms: {FailureTally.All(s.FailuresByKind)}, {s.SerialFailures} serial non-200"))}.");

        var statefulTimeouts = timeouts.Where(t => t.Target != Stateless).ToList();
        var limit = StoreTimeout.TotalMilliseconds * 1.5;
        yield return statefulTimeouts.Count == 0
            ? H3.Inconclusive("No request was sent past the store timeout.")
            : H3.Holds(statefulTimeouts.All(t => t.Status == 503 && t.ElapsedMs < limit), string.Join("; ", statefulTimeouts.GroupBy(t => t.Target).Select(g => $"{g.Key}: {string.Join(", ", g.Select(t => t.Status == 0 ? "no reply" : t.Status.ToString(CultureInfo.InvariantCulture)).Distinct())}, slowest {LoadRecording.Ms(g.Max(t => t.ElapsedMs))} ms")) + $" (limit {limit:0} ms).");

        var control = steps.Where(s => s.Target == Stateless).OrderBy(s => s.Delay).ToList();
        yield return control.Count < 2
            ? H4.Inconclusive("The stateless JWT control was not measured at two delays.")
            : H4.Holds(control[^1].MedianMs <= 2 * control[0].MedianMs && control.All(s => s.Failures == 0), $"Median {LoadRecording.Ms(control[0].MedianMs)} ms at +0 ms and {LoadRecording.Ms(control[^1].MedianMs)} ms at +{Ms(control[^1].Delay)} ms; {control.Sum(s => s.Failures)} failed.");
    }

    /// <summary>The variant each target measures, under the names the report's feature table and <c>compare</c> use.</summary>
    internal static string VariantOf(string target) => target switch
    {
        Blacklisted => TargetNames.JwtRevocation,
        Stateless => TargetNames.Jwt,
        _ => target,
    };

    /// <summary>The name of a figure measured with <paramref name="delay"/> added per store round trip: <c>median_rise_ms@+10ms</c>.</summary>
    internal static string AtDelay(string name, TimeSpan delay) => FaultMetrics.Name(name, $"+{Ms(delay)}ms");

    /// <summary>Each variant's median, its rise over the undelayed median, QPS and failures at each delay; the slowest reply past the timeout.</summary>
    private static void AddMetrics(ExperimentContext context, SlowStoreFacts facts)
    {
        foreach (var step in facts.Steps)
        {
            var variant = VariantOf(step.Target);
            context.AddMetric(new Metric(variant, AtDelay("median_ms", step.Delay), "ms", Math.Round(step.MedianMs, 3)));
            context.AddMetric(new Metric(variant, AtDelay("qps", step.Delay), "req/s", Math.Round(step.Qps, 1)));
            context.AddMetric(new Metric(variant, AtDelay("failed_requests", step.Delay), "requests", step.Failures + step.SerialFailures));
            if (step.Delay > TimeSpan.Zero && facts.Steps.FirstOrDefault(s => s.Target == step.Target && s.Delay == TimeSpan.Zero) is { } baseline)
            {
                context.AddMetric(new Metric(variant, AtDelay("median_rise_ms", step.Delay), "ms", Math.Round(step.MedianMs - baseline.MedianMs, 3)));
            }
        }

        foreach (var target in facts.Timeouts.GroupBy(t => t.Target))
        {
            context.AddMetric(new Metric(VariantOf(target.Key), "slowest_ms_past_store_timeout", "ms", Math.Round(target.Max(t => t.ElapsedMs), 1)));
            context.AddMetric(new Metric(VariantOf(target.Key), "refused_503_past_store_timeout", "requests", target.Count(t => t.Status == 503)));
        }
    }

    private static async Task<PerformanceTarget?> Users(ExperimentContext context, SchemeKind scheme, BackendNode backend, string path, int users, CancellationToken cancellationToken) =>
        await new PerformanceTarget($"{backend.Name} {path}", scheme, backend.BaseAddress, path, false, false, []).WithUsersAsync(context, users, cancellationToken);

    /// <summary>Serial GETs with worker 0's credential, not recorded one by one: (status, ms), 0 for no reply.</summary>
    private static async Task<List<(int Status, double Ms)>> SerialAsync(PerformanceTarget target, int count, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, UseProxy = false }) { BaseAddress = target.Balancer, Timeout = timeout ?? TimeSpan.FromSeconds(5) };
        var template = target.RequestFor(0);
        var results = new List<(int, double)>(count);
        for (var i = 0; i < count; i++)
        {
            results.Add(await TimedGet.SendAsync(http, template, cancellationToken));
        }

        return results;
    }

    private static double Median(List<(int Status, double Ms)> samples) => Quantile(samples, 0.5);

    private static double Quantile(List<(int Status, double Ms)> samples, double q)
    {
        var sorted = samples.Select(s => s.Ms).Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
    }

    private static string Ms(TimeSpan span) => span.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);

    private sealed record Target(string Name, PerformanceTarget? Load);
}

/// <summary>One target at one added delay: serial median/p99 and failures, and the closed-loop load's QPS and failures.</summary>
internal sealed record SlowStoreStep(string Target, TimeSpan Delay, double MedianMs, double P99Ms, int SerialFailures, double Qps, long Failures, IReadOnlyDictionary<string, long> FailuresByKind);

/// <summary>One request sent while the store was slower than the backends' timeout: its status (0: no reply) and duration.</summary>
internal sealed record TimeoutProbe(string Target, int Status, double ElapsedMs);

/// <summary>What 6.7 measured: each target at each added delay, and the probes past the store timeout.</summary>
internal sealed record SlowStoreFacts(IReadOnlyList<SlowStoreStep> Steps, IReadOnlyList<TimeoutProbe> Timeouts)
{
    /// <summary>The delay added for the requests past the store timeout.</summary>
    public TimeSpan PastTimeout { get; init; }
}
