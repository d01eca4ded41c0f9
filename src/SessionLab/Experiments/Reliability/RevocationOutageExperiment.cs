using System.Globalization;
using SessionLab.Backend.Common;
using SessionLab.Backend.Jwt;
using SessionLab.Experiments.Framework;
using SessionLab.Experiments.Framework.FaultsUnderLoad;
using SessionLab.Experiments.Framework.Load;
using SessionLab.Measurement.Load;
using SessionLab.Reporting.Model;
using SessionLab.Topology;
using SessionLab.Topology.Stores;

namespace SessionLab.Experiments.Reliability;

/// <summary>
/// 6.5 — JWT with revocation consults Redis on every request. When Redis dies under load, does each Redis-down policy
/// do what it says (fail closed: refuse; fail open: accept unchecked), and what does each cost?
/// </summary>
internal sealed class RevocationOutageExperiment : Experiment<RevocationOutageExperiment, RevocationOutageRuns>, IJudge<RevocationOutageRuns>
{
    private const string Profile = "/profile";

    private static readonly Hypothesis H1 = new("H1", "Fail closed: while Redis is down every request is refused with 503 within 1 s (P99), never a timeout, and the revoked token is never accepted.");

    private static readonly Hypothesis H2 = new("H2", "Fail open: while Redis is down no request of the load fails.");

    private static readonly Hypothesis H3 = new("H3", "Fail open has a price: a token revoked before the outage is accepted while Redis is down.");

    private static readonly Hypothesis H4 = new("H4", "Revocations outlive the outage: once Redis is back the revoked token is refused again, under both policies.");

    public override ExperimentInfo Info { get; } = new(
        "6.5",
        6,
        "JWT revocation while Redis is down",
        "When Redis dies under load, does JWT with revocation follow its policy — fail closed refuses, fail open accepts unchecked — and what does each cost?",
        [H1, H2, H3, H4]);

    protected override async Task<RevocationOutageRuns?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var quick = context.Settings.Quick;
        var users = context.Parameter("users_per_policy", context.Settings.Concurrency is { } c ? Math.Max(1, c / 2) : quick ? 4 : 10);
        var duration = context.Parameter("duration", context.Settings.Duration ?? (quick ? TimeSpan.FromSeconds(6) : TimeSpan.FromSeconds(12)));
        var downAt = context.Parameter("redis_killed_at", duration / 6);
        var backAt = context.Parameter("redis_started_at", duration / 2);
        var recoveryLimit = context.Parameter("recovery_limit", TimeSpan.FromSeconds(10));
        context.Parameter("store_persistence", context.Topology.Store.Persistence == StorePersistence.None ? "none (the topology's store)" : "append-only file");
        if (!context.Topology.Store.CanBeControlled)
        {
            context.Skip("the store is an external Redis, which the lab cannot kill");
            return null;
        }

        context.Step("start two extra JWT backends with revocation on: one fails closed, one fails open when Redis is down");
        await using var closed = await context.Topology.StartExtraBackendAsync(SchemeKind.Jwt, 1, "jwt-fail-closed", l => l with { Revocation = RevocationMode.On, WhenStoreDown = RevocationStoreDownPolicy.FailClosed }, cancellationToken);
        await using var open = await context.Topology.StartExtraBackendAsync(SchemeKind.Jwt, 2, "jwt-fail-open", l => l with { Revocation = RevocationMode.On, WhenStoreDown = RevocationStoreDownPolicy.FailOpen }, cancellationToken);
        Policy[] policies = [new("fail closed", closed), new("fail open", open)];

        context.Step($"on each: {users} load users log in; one more user logs in and logs out (its token is revoked)");
        var prepared = new List<PreparedPolicy>();
        foreach (var policy in policies)
        {
            var target = await new PerformanceTarget(policy.Name, SchemeKind.Jwt, policy.Backend.BaseAddress, Profile, false, false, []).WithUsersAsync(context, users, cancellationToken);
            var client = context.Client(policy.Backend.BaseAddress, cookies: false);
            var revoked = (await client.LoginAsync("revoked-user", cancellationToken)).Property("token");
            if (target is null || revoked is null)
            {
                context.JudgeAllInconclusive($"{policy.Name}: the users could not log in.");
                return null;
            }

            await client.PostJsonAsync("/logout", null, cancellationToken, bearer: revoked);
            prepared.Add(new(policy, target, target with { Credentials = [revoked] }, client, revoked));
        }

        context.Step($"both loads for {Format.CompactSeconds(duration)} s, the legitimate and the revoked token probed on each every {FaultUnderLoad.ProbeInterval.TotalMilliseconds:0} ms; kill -9 Redis at {Format.CompactSeconds(downAt)} s, start it again at {Format.CompactSeconds(backAt)} s");
        var run = await FaultUnderLoad.RunAsync(
            context,
            [.. prepared.Select(p => new LoadSpec(p.Load, users))],
            [.. prepared.SelectMany(p => new[] { p.Load, p.Revoked })],
            duration,
            [(downAt, () => context.Faults.KillStoreAsync()), (backAt, () => context.Faults.StartStoreAsync(cancellationToken))],
            cancellationToken);
        var down = run.Faults[0].DoneAtSeconds;
        var back = run.Faults[^1].DoneAtSeconds;

        context.Step($"once Redis is back: the revoked token on each backend until its reply comes from the store (at most {Format.CompactSeconds(recoveryLimit)} s)");
        var facts = new List<RevocationOutageFacts>();
        for (var i = 0; i < prepared.Count; i++)
        {
            var p = prepared[i];
            var load = run.Loads[i];
            LoadRecording.Record(context, $"jwt with revocation, {p.Policy.Name}, Redis killed and restarted", load);
            foreach (var chart in ErrorCharts.Of(p.Policy.Name, load, run.Faults))
            {
                context.AddChart(chart);
            }

            var legit = run.Probes[2 * i];
            var revoked = run.Probes[(2 * i) + 1];
            facts.Add(new RevocationOutageFacts(
                p.Policy.Name,
                load.TotalRequests,
                load.FailuresByKind,
                RedisKillFacts.During(legit, down, back),
                [.. revoked.Where(s => s.AtSeconds < run.Faults[0].AtSeconds)],
                RedisKillFacts.During(revoked, down, back),
                await RevokedTokenProbe.ReplyFromStoreAsync(p.Client, p.RevokedToken, recoveryLimit, cancellationToken)));
        }

        return new RevocationOutageRuns(facts[0], facts[1]) { DownAtSeconds = down, BackAtSeconds = back };
    }

    protected override void Tabulate(ExperimentContext context, RevocationOutageRuns runs)
    {
        RevocationOutageFacts[] facts = [runs.FailClosed, runs.FailOpen];
        context.AddTable(
            "JWT with revocation: Redis killed and restarted under load",
            ["measure", .. facts.Select(f => f.Policy)],
            [
                ["requests", .. facts.Select(f => f.Requests.ToString(CultureInfo.InvariantCulture))],
                ["failed: 5xx, transport (by kind)", .. facts.Select(f => FailureTally.Failed(f.Failures))],
                ["refused: 4xx, session gone (by kind)", .. facts.Select(f => FailureTally.Refused(f.Failures))],
                ["Redis killed / answering again (s into the load)", .. facts.Select(_ => $"{Num(runs.DownAtSeconds)} / {Num(runs.BackAtSeconds)}")],
                ["legitimate token while Redis was down", .. facts.Select(f => RevocationOutageFacts.Replies(f.LegitDuring))],
                ["P99 of those (ms)", .. facts.Select(f => f.LegitDuringP99Ms is { } p99 ? LoadRecording.Ms(p99) : "-")],
                ["revoked token before the outage", .. facts.Select(f => RevocationOutageFacts.Replies(f.RevokedBefore))],
                ["revoked token while Redis was down", .. facts.Select(f => RevocationOutageFacts.Replies(f.RevokedDuring))],
                ["revoked token once Redis was back", .. facts.Select(f => f.RevokedAfter?.ToString(CultureInfo.InvariantCulture) ?? "no reply from the store")],
            ]);

        foreach (var f in facts)
        {
            FaultMetrics.AddLoad(context, TargetNames.JwtRevocation, f.Requests, f.Failures, f.Policy);
            context.AddMetric(new Metric(TargetNames.JwtRevocation, FaultMetrics.Name("revoked_token_accepted_while_down", f.Policy), "requests", RevocationOutageFacts.Count(f.RevokedDuring, 200)));
            context.AddMetric(new Metric(TargetNames.JwtRevocation, FaultMetrics.Name("legitimate_token_refused_while_down", f.Policy), "requests", f.LegitDuring.Count(p => p.Status != 200)));
            if (f.LegitDuringP99Ms is { } p99)
            {
                context.AddMetric(new Metric(TargetNames.JwtRevocation, FaultMetrics.Name("legitimate_token_p99_ms_while_down", f.Policy), "ms", p99));
            }
        }

        if (facts.Any(f => f.RevokedAfter == 200) && context.Topology.Store.Persistence == StorePersistence.None)
        {
            context.Anomaly("A token revoked before the Redis outage was accepted again after Redis restarted: the store runs without persistence, so the blacklist died with it. Revocation needs a store that keeps its data (see 6.6).");
        }
    }

    /// <summary>The verdicts from the facts alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(RevocationOutageRuns runs) => Judge(runs.FailClosed, runs.FailOpen);

    internal static IEnumerable<HypothesisVerdict> Judge(RevocationOutageFacts failClosed, RevocationOutageFacts failOpen)
    {
        var not503 = failClosed.LegitDuring.Count(p => p.Status != 503);
        var accepted = RevocationOutageFacts.Count(failClosed.RevokedDuring, 200);
        var timeouts = failClosed.Failures.GetValueOrDefault(ErrorKinds.Timeout);
        yield return failClosed.LegitDuring.Count == 0
            ? H1.Inconclusive("No probe request completed on the fail-closed backend while Redis was down.")
            : new(
                H1.Id,
                H1.Statement,
                not503 == 0 && accepted == 0 && timeouts == 0 && failClosed.LegitDuringP99Ms < RedisKillUnderLoadExperiment.FailFastLimit.TotalMilliseconds ? Verdict.Confirmed : Verdict.Refuted,
                $"While Redis was down the legitimate token got {RevocationOutageFacts.Replies(failClosed.LegitDuring)} (P99 {LoadRecording.Ms(failClosed.LegitDuringP99Ms!.Value)} ms), the revoked one {RevocationOutageFacts.Replies(failClosed.RevokedDuring)}; the load failed with {FailureTally.All(failClosed.Failures)}.");

        yield return failOpen.Requests == 0
            ? H2.Inconclusive("The fail-open load sent no request.")
            : new(
                H2.Id,
                H2.Statement,
                failOpen.Failed == 0 && failOpen.LegitDuring.All(p => p.Status == 200) ? Verdict.Confirmed : Verdict.Refuted,
                $"{failOpen.Failed} of {failOpen.Requests} requests failed ({FailureTally.All(failOpen.Failures)}); the legitimate probe got {RevocationOutageFacts.Replies(failOpen.LegitDuring)} while Redis was down.");

        var revokedAccepted = RevocationOutageFacts.Count(failOpen.RevokedDuring, 200);
        yield return failOpen.RevokedDuring.Count == 0
            ? H3.Inconclusive("No probe of the revoked token completed on the fail-open backend while Redis was down.")
            : new(
                H3.Id,
                H3.Statement,
                revokedAccepted > 0 ? Verdict.Confirmed : Verdict.Refuted,
                $"The revoked token got {RevocationOutageFacts.Replies(failOpen.RevokedBefore)} before the outage and {RevocationOutageFacts.Replies(failOpen.RevokedDuring)} while Redis was down on the fail-open backend.");

        RevocationOutageFacts[] both = [failClosed, failOpen];
        yield return both.Any(f => f.RevokedAfter is null)
            ? H4.Inconclusive("A backend did not reach Redis again within the recovery limit.")
            : new(
                H4.Id,
                H4.Statement,
                both.All(f => f.RevokedAfter == 401) ? Verdict.Confirmed : Verdict.Refuted,
                $"Once Redis was back the revoked token got {string.Join(" and ", both.Select(f => $"{f.RevokedAfter?.ToString(CultureInfo.InvariantCulture)} ({f.Policy})"))}{(both.Any(f => f.RevokedAfter == 200) ? ": the blacklist was lost with the restart (no persistence)" : string.Empty)}.");
    }

    private static string Num(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);


    private sealed record Policy(string Name, BackendNode Backend);

    private sealed record PreparedPolicy(Policy Policy, PerformanceTarget Load, PerformanceTarget Revoked, LabClient Client, string RevokedToken);
}

/// <summary>What 6.5 observed under each policy.</summary>
internal sealed record RevocationOutageRuns(RevocationOutageFacts FailClosed, RevocationOutageFacts FailOpen)
{
    /// <summary>When Redis was killed and when it answered again (seconds into the load), for the table.</summary>
    public double DownAtSeconds { get; init; }

    /// <inheritdoc cref="DownAtSeconds"/>
    public double BackAtSeconds { get; init; }
}
