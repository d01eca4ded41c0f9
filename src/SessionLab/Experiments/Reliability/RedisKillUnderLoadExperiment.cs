using System.Globalization;
using SessionLab.Backend.Common;
using SessionLab.Experiments.Framework;
using SessionLab.Experiments.Framework.FaultsUnderLoad;
using SessionLab.Experiments.Framework.Load;
using SessionLab.Measurement.Load;
using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.Reliability;

/// <summary>6.2 — what do the redis and JWT schemes do when Redis is killed under load, and do they recover by themselves?</summary>
internal sealed class RedisKillUnderLoadExperiment : Experiment<RedisKillUnderLoadExperiment, RedisKillFacts>, IJudge<RedisKillFacts>
{
    /// <summary>What "fails fast" means here: the slowest 1% of the failing requests answer within this.</summary>
    public static readonly TimeSpan FailFastLimit = TimeSpan.FromSeconds(1);

    private static readonly Hypothesis H1 = new("H1", "While Redis is down the redis scheme fails fast: 503, never a timeout, with the P99 of the failing requests under 1 s.");

    private static readonly Hypothesis H2 = new("H2", "The redis scheme recovers by itself once Redis is back: requests reach the store again without restarting a backend.");

    private static readonly Hypothesis H3 = new("H3", "JWT without revocation is unaffected: its load sees no error during the outage.");

    public override ExperimentInfo Info { get; } = new(
        "6.2",
        6,
        "Redis killed under load",
        "What do the redis and JWT schemes do when Redis is killed under load, and do they recover by themselves?",
        [H1, H2, H3]);

    protected override async Task<RedisKillFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var quick = context.Settings.Quick;
        var users = context.Parameter("users", context.Settings.Concurrency ?? (quick ? 8 : 20));
        var duration = context.Parameter("duration", context.Settings.Duration ?? (quick ? TimeSpan.FromSeconds(6) : TimeSpan.FromSeconds(12)));
        var downAt = context.Parameter("redis_killed_at", duration / 6);
        var backAt = context.Parameter("redis_started_at", duration / 3);
        var recoveryLimit = context.Parameter("recovery_limit", TimeSpan.FromSeconds(10));
        context.Parameter("probe_interval", FaultUnderLoad.ProbeInterval);

        context.Step($"{users} users log in to the redis scheme and {users} to JWT");
        var redis = await new PerformanceTarget("redis", SchemeKind.Redis, context.Topology.BalancerAddress(SchemeKind.Redis), "/profile", false, false, []).WithUsersAsync(context, users, cancellationToken);
        var jwt = await new PerformanceTarget("jwt", SchemeKind.Jwt, context.Topology.BalancerAddress(SchemeKind.Jwt), "/profile", false, false, []).WithUsersAsync(context, users, cancellationToken);
        if (redis is null || jwt is null)
        {
            context.JudgeAllInconclusive("The load users could not log in.");
            return null;
        }

        context.Step($"redis and JWT loads ({users} workers each) for {Format.CompactSeconds(duration)} s; kill -9 Redis at {Format.CompactSeconds(downAt)} s, start it again at {Format.CompactSeconds(backAt)} s");
        var jwtLoad = Task.Run(
            () => new ClosedLoopGenerator().RunAsync(new LoadOptions { Target = jwt.Balancer, RequestPerWorker = jwt.RequestFor, Concurrency = users, Duration = duration, RequestTimeout = TimeSpan.FromSeconds(5) }, cancellationToken),
            cancellationToken);
        var run = await FaultUnderLoad.RunAsync(
            context,
            redis,
            users,
            duration,
            [(downAt, () => context.Faults.KillStoreAsync()), (backAt, () => context.Faults.StartStoreAsync(cancellationToken))],
            cancellationToken);
        var jwtResult = await jwtLoad;
        LoadRecording.Record(context, "redis, Redis killed and restarted", run.Load);
        LoadRecording.Record(context, "jwt, Redis killed and restarted", jwtResult);

        var down = run.Faults[0].DoneAtSeconds;
        var back = run.Faults[^1].DoneAtSeconds;
        var (recovered, reply) = RedisKillFacts.Recovery(run.Probe, back);
        if (recovered is null)
        {
            // The restart outlasted the load: keep probing alone, timed from Redis answering again.
            context.Step($"the load ended before a reply came from the store; probe /profile alone for at most {Format.CompactSeconds(recoveryLimit)} s");
            var since = run.Probe.Count > 0 ? run.Probe[^1].AtSeconds - back : 0;
            (recovered, reply) = await PollRecoveryAsync(redis, since, recoveryLimit, cancellationToken);
        }

        return new RedisKillFacts(
            run.Load.TotalRequests,
            run.Load.FailuresByKind,
            run.Load.Timeline,
            down,
            back,
            RedisKillFacts.During(run.Probe, down, back),
            recovered,
            reply,
            jwtResult.TotalRequests,
            jwtResult.FailuresByKind)
        {
            Run = run,
            JwtLoad = jwtResult,
        };
    }

    protected override void Tabulate(ExperimentContext context, RedisKillFacts facts)
    {
        if (facts is not { Run: { } run, JwtLoad: { } jwtResult })
        {
            return;
        }

        foreach (var chart in ErrorCharts.Of("redis", run.Load, run.Faults).Concat(ErrorCharts.Of("jwt", jwtResult, run.Faults)))
        {
            context.AddChart(chart);
        }

        context.AddTable(
            "Redis killed and restarted under load",
            ["measure", "redis scheme", "jwt (no revocation)"],
            [
                ["requests", facts.RedisRequests.ToString(CultureInfo.InvariantCulture), facts.JwtRequests.ToString(CultureInfo.InvariantCulture)],
                ["failed: 5xx, transport (by kind)", FailureTally.Failed(facts.RedisFailures), FailureTally.Failed(facts.JwtFailures)],
                ["failures per second", FailureTally.FailedPerSecond(facts.RedisTimeline), FailureTally.FailedPerSecond(jwtResult.Timeline)],
                ["refused: 4xx, session gone (by kind)", FailureTally.Refused(facts.RedisFailures), FailureTally.Refused(facts.JwtFailures)],
                ["refusals per second", FailureTally.RefusedPerSecond(facts.RedisTimeline), FailureTally.RefusedPerSecond(jwtResult.Timeline)],
                ["Redis killed / answering again (s into the load)", $"{Num(facts.DownAtSeconds)} / {Num(facts.BackAtSeconds)}", "same outage"],
                ["probe replies while Redis was down", facts.OutageReplies, "(not probed)"],
                ["P99 / max of those (ms)", facts.OutageP99Ms is { } p99 ? $"{LoadRecording.Ms(p99)} / {LoadRecording.Ms(facts.OutageMaxMs!.Value)}" : "no probe while down", "-"],
                ["first reply from the store after Redis answered again", facts.RecoveredAfterSeconds is { } r ? $"{Num(r)} s ({facts.FirstReplyAfterRecovery})" : "none within the recovery limit", "-"],
                ["load P99 / max (ms)", $"{LoadRecording.Ms(run.Load.Latency.P99Ms)} / {LoadRecording.Ms(run.Load.Latency.MaxMs)}", $"{LoadRecording.Ms(jwtResult.Latency.P99Ms)} / {LoadRecording.Ms(jwtResult.Latency.MaxMs)}"],
            ]);

        FaultMetrics.AddLoad(context, "redis", facts.RedisRequests, facts.RedisFailures);
        FaultMetrics.AddLoad(context, "jwt", facts.JwtRequests, facts.JwtFailures);
        if (facts.OutageP99Ms is { } outageP99)
        {
            context.AddMetric(new Metric("redis", "probe_p99_ms_while_down", "ms", outageP99));
        }

        if (facts.RecoveredAfterSeconds is { } recovered)
        {
            context.AddMetric(new Metric("redis", "recovered_after_s", "s", recovered));
        }

        if (facts.FirstReplyAfterRecovery == "401")
        {
            context.Anomaly("The probe's session did not survive the restart (Redis runs without persistence), so the first reply from the store after the outage was 401, not 200: the backend reached Redis again and found no session.");
        }
    }

    /// <summary>The verdicts from the facts alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(RedisKillFacts facts)
    {
        var timeouts = facts.RedisFailures.GetValueOrDefault(ErrorKinds.Timeout) + facts.OutageProbes.Count(p => p.Failure == ErrorKinds.Timeout);
        var not503 = facts.OutageProbes.Count(p => p.Status != 503);
        var evidence = $"{facts.OutageProbes.Count} probe requests while Redis was down got {facts.OutageReplies}, P99 {(facts.OutageP99Ms is { } p ? LoadRecording.Ms(p) : "-")} ms, max {(facts.OutageMaxMs is { } m ? LoadRecording.Ms(m) : "-")} ms; the load failed with {FailureTally.All(facts.RedisFailures)}.";
        yield return facts.OutageProbes.Count == 0
            ? H1.Inconclusive("No probe request completed while Redis was down.")
            : H1.Holds(timeouts == 0 && not503 == 0 && facts.OutageP99Ms < FailFastLimit.TotalMilliseconds, evidence);

        yield return facts.RecoveredAfterSeconds is { } after
            ? H2.Confirmed($"{Num(after)} s after Redis answered PING again, the probe got {facts.FirstReplyAfterRecovery} from a backend (no backend restarted).")
            : H2.Refuted("No probe request reached the store again within the recovery limit after Redis answered PING.");

        var jwtFailed = facts.JwtFailures.Values.Sum();
        yield return facts.JwtRequests == 0
            ? H3.Inconclusive("The JWT load sent no request.")
            : H3.Holds(jwtFailed == 0, $"{jwtFailed} of {facts.JwtRequests} JWT requests failed ({FailureTally.All(facts.JwtFailures)}) while Redis was killed and restarted.");
    }

    /// <summary>GET /profile with worker 0's cookie every probe interval until a backend answers from the store (200 or 401).</summary>
    private static async Task<(double? After, string? Reply)> PollRecoveryAsync(PerformanceTarget target, double since, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, UseProxy = false }) { BaseAddress = target.Balancer, Timeout = TimeSpan.FromSeconds(2) };
        var template = target.RequestFor(0);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, template.Path);
            foreach (var (name, value) in template.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                if ((int)response.StatusCode is 200 or 401)
                {
                    return (Math.Round(since + watch.Elapsed.TotalSeconds, 3), ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Still down: try again.
            }

            await Task.Delay(FaultUnderLoad.ProbeInterval, cancellationToken);
        }

        return (null, null);
    }

    private static string Num(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);

}
