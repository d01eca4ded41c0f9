using System.Globalization;
using SessionLab.Backend.Common;
using SessionLab.Experiments.Framework;
using SessionLab.Experiments.Framework.FaultsUnderLoad;
using SessionLab.Experiments.Framework.Load;
using SessionLab.Measurement.Load;
using SessionLab.Reporting.Model;
using SessionLab.Topology;

namespace SessionLab.Experiments.Reliability;

/// <summary>
/// 6.3 — does a graceful restart of a backend under load fail any request? Measured two ways per scheme: (a) SIGTERM
/// alone, which a balancer with passive health checks only (nginx OSS, the lab's YARP) learns of by failing requests,
/// and (b) as deployments do it: out of the balancer's rotation first, SIGTERM, start, back into rotation.
/// </summary>
internal sealed class GracefulRestartUnderLoadExperiment : Experiment<GracefulRestartUnderLoadExperiment, IReadOnlyList<RestartRun>>, IJudge<IReadOnlyList<RestartRun>>
{
    private static readonly Hypothesis H1 = new("H1", "No 5xx reaches the clients through the load balancer, for POST /login (never retried once sent) as for GET /profile, when the backend is taken out of the balancer's rotation before SIGTERM and put back after its start.");

    private static readonly Hypothesis H2 = new("H2", "Taken out first, no request in flight is lost either: no connection reset, closed connection or timeout.");

    private static readonly Hypothesis H3 = new("H3", "The restarted backend is ready again: its own /health answers 200 after the start.");

    private static readonly Hypothesis H4 = new("H4", "SIGTERM alone, with passive health checks only in the balancer, lets no 5xx and no broken connection reach the clients either.");

    public override ExperimentInfo Info { get; } = new(
        "6.3",
        6,
        "Backend restart under load (SIGTERM)",
        "Does a graceful restart of a backend under load fail any request, with SIGTERM alone and when the backend is taken out of the balancer first?",
        [H1, H2, H3, H4]);

    protected override async Task<IReadOnlyList<RestartRun>?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var quick = context.Settings.Quick;
        var users = context.Parameter("users", context.Settings.Concurrency ?? (quick ? 8 : 20));
        var duration = context.Parameter("duration", context.Settings.Duration ?? (quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(10)));
        var stopAt = context.Parameter("sigterm_at", duration / 3);
        var startAt = context.Parameter("start_at", duration * 2 / 3);
        var settle = context.Parameter("settle_before_sigterm", context.Faults.RotationSettle);
        // Half the workers log in over and over: a balancer retries a GET on another backend, but never a POST it has sent.
        var logins = context.Parameter("login_workers", Math.Clamp(users / 2, 0, users - 1));
        context.Parameter("probe_interval", FaultUnderLoad.ProbeInterval);

        var runs = new List<RestartRun>();
        System.Diagnostics.Stopwatch? sinceStickyFault = null;

        // Every scheme with SIGTERM alone first, so sticky's fail_timeout from (a) mostly runs out before its (b).
        foreach (var procedure in new[] { RestartProcedure.SigtermAlone, RestartProcedure.DeregisteredFirst })
        {
            foreach (var scheme in new[] { SchemeKind.Sticky, SchemeKind.Redis, SchemeKind.Jwt })
            {
                var name = SchemeNames.Of(scheme);
                var label = $"{name}, {Describe(procedure)}";

                // Only the GET workers hold sessions: a session nobody uses would expire (quick TTL) and count as lost.
                context.Step($"{label}: {users - logins} users log in (one session per GET /profile worker)");
                if (await SettledLogin.RunAsync(context, new PerformanceTarget(name, scheme, context.Topology.BalancerAddress(scheme), "/profile", false, false, []), users - logins, cancellationToken) is not { } target)
                {
                    continue;
                }

                var victim = await FaultVictim.ChooseAsync(context, target, cancellationToken);
                IReadOnlyList<(TimeSpan, Func<Task<string>>)> faults = procedure == RestartProcedure.SigtermAlone
                    ? [(stopAt, () => context.Faults.StopBackendAsync(victim.Name)), (startAt, () => context.Faults.StartBackendAsync(victim.Name, cancellationToken))]
                    : [(stopAt, () => context.Faults.DrainAndStopBackendAsync(victim.Name, cancellationToken, settle)), (startAt, () => context.Faults.StartAndReturnBackendAsync(victim.Name, cancellationToken))];
                context.Step(procedure == RestartProcedure.SigtermAlone
                    ? $"{label}: {users} workers ({users - logins} GET /profile, {logins} POST /login) for {Format.CompactSeconds(duration)} s; SIGTERM to {victim.Name} at {Format.CompactSeconds(stopAt)} s, start it again at {Format.CompactSeconds(startAt)} s"
                    : $"{label}: {users} workers ({users - logins} GET /profile, {logins} POST /login) for {Format.CompactSeconds(duration)} s; at {Format.CompactSeconds(stopAt)} s take {victim.Name} out of the balancer's rotation, wait {Format.CompactSeconds(settle)} s, SIGTERM; at {Format.CompactSeconds(startAt)} s start it and put it back");
                var run = await FaultUnderLoad.RunAsync(
                    context,
                    target,
                    users,
                    duration,
                    faults,
                    cancellationToken,
                    worker => worker >= users - logins ? LoginRequest(worker) : target.RequestFor(worker));
                LoadRecording.Record(context, $"{label}: restart of {victim.Name}", run.Load);
                foreach (var chart in ErrorCharts.Of($"{label}, stop at {Format.CompactSeconds(stopAt)} s", run.Load, run.Faults))
                {
                    context.AddChart(chart);
                }

                context.Step($"{label}: {victim.Name}'s own /health, and every load user's /profile once more");
                var health = await context.Client(victim.BaseAddress, cookies: false).GetAsync("/health", cancellationToken);
                var sessions = await SessionCheck.RunAsync(target, cancellationToken);
                runs.Add(new RestartRun(procedure, FailoverRun.From(name, victim.ServerId, run, sessions), run.Faults[0].DoneAtSeconds - run.Faults[0].AtSeconds, health.Status));
                if (scheme == SchemeKind.Sticky && procedure == RestartProcedure.SigtermAlone)
                {
                    sinceStickyFault = System.Diagnostics.Stopwatch.StartNew();
                }
            }
        }

        if (sinceStickyFault is not null)
        {
            context.Step("wait out the load balancer's fail_timeout since the sticky SIGTERM");
            await BalancerSettle.WaitAsync(context, sinceStickyFault.Elapsed, cancellationToken);
        }

        return runs;
    }

    protected override void Tabulate(ExperimentContext context, IReadOnlyList<RestartRun> runs)
    {
        context.AddTable(
            "Each scheme under load while one backend restarts: (a) SIGTERM alone, (b) taken out of the balancer's rotation first, SIGTERM, start, back into rotation",
            ["procedure", "scheme", "stopped", "stop at (s)", "stop took (s)", "requests", "failed: 5xx, transport (by kind)", "5xx", "transport failures", "failures per second", "refused: 4xx, session gone (by kind)", "refusals per second", "probe after the stop", "load P99 / max (ms)", "its /health after the start", "sessions after the load"],
            runs.Select(r => (IReadOnlyList<string>)[
                Describe(r.Procedure),
                r.Run.Scheme,
                r.Run.Victim,
                r.Run.FaultAtSeconds.ToString("0.000", CultureInfo.InvariantCulture),
                r.StopSeconds.ToString("0.000", CultureInfo.InvariantCulture),
                r.Run.Requests.ToString(CultureInfo.InvariantCulture),
                r.Run.Failed,
                r.ServerErrors.ToString(CultureInfo.InvariantCulture),
                r.TransportFailures.ToString(CultureInfo.InvariantCulture),
                r.Run.FailedPerSecond,
                r.Run.Refused,
                r.Run.RefusedPerSecond,
                r.Run.ProbeWindow,
                $"{LoadRecording.Ms(r.Run.LoadP99Ms)} / {LoadRecording.Ms(r.Run.LoadMaxMs)}",
                r.HealthAfterStart == 0 ? "no reply" : r.HealthAfterStart.ToString(CultureInfo.InvariantCulture),
                $"{r.Run.Sessions.Kept} kept, {r.Run.Sessions.Lost} lost (401), {r.Run.Sessions.Other} other of {r.Run.Sessions.Users} ({r.Run.Sessions.Answers})",
            ]));

        foreach (var r in runs)
        {
            FaultMetrics.AddFailover(context, r.Run, Describe(r.Procedure));
            context.AddMetric(new Metric(r.Run.Scheme, FaultMetrics.Name("stop_s", Describe(r.Procedure)), "s", Math.Round(r.StopSeconds, 3)));
        }

        var broken = runs.Where(r => r.Procedure == RestartProcedure.DeregisteredFirst && r.TransportFailures > 0).ToList();
        if (broken.Count > 0 && context.Topology.LoadBalancer.Description.StartsWith("nginx", StringComparison.Ordinal))
        {
            context.Anomaly($"(b) with nginx: {string.Join(", ", broken.Select(r => $"{r.Run.Scheme} {r.Run.Failed}"))}. Taking a server out of nginx's rotation is a reload, and the old workers close their idle client keep-alive connections at once; a client that has just written its next request on one sees the response end. That is the client-to-balancer hop (clients that retry on a reused connection hide it), not the backend.");
        }

        var stickyLosses = runs.Where(r => r.Run.Scheme == "sticky" && r.Run.Sessions.Lost > 0).ToList();
        if (stickyLosses.Count > 0)
        {
            context.Anomaly($"sticky: a graceful restart loses the in-memory sessions as a crash does ({string.Join("; ", stickyLosses.Select(r => $"{Describe(r.Procedure)}: {r.Run.Sessions.Lost} of {r.Run.Sessions.Users} users got 401 after the load"))}): 401s are counted as lost sessions, not as failed requests.");
        }
    }

    /// <summary>The verdicts from the runs alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(IReadOnlyList<RestartRun> runs)
    {
        var alone = runs.Where(r => r.Procedure == RestartProcedure.SigtermAlone).ToList();
        var deregistered = runs.Where(r => r.Procedure == RestartProcedure.DeregisteredFirst).ToList();

        yield return Verdict(H1, deregistered, r => r.ServerErrors == 0,
            r => $"{r.Run.Scheme}: {r.ServerErrors} 5xx of {r.Run.Requests} requests, GET /profile and POST /login (failed: {r.Run.Failed}; refused: {r.Run.Refused})");

        yield return Verdict(H2, deregistered, r => r.TransportFailures == 0 && r.Run.FailedProbesAfterFault == 0,
            r => $"{r.Run.Scheme}: {r.TransportFailures} transport failures, probe {r.Run.ProbeWindow}, out of rotation to stopped in {r.StopSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s");

        yield return Verdict(H3, runs, r => r.HealthAfterStart == 200,
            r => $"{r.Run.Victim} ({r.Run.Scheme}, {Describe(r.Procedure)}): /health {(r.HealthAfterStart == 0 ? "no reply" : r.HealthAfterStart.ToString(CultureInfo.InvariantCulture))}");

        yield return Verdict(H4, alone, r => r.ServerErrors == 0 && r.TransportFailures == 0,
            r => $"{r.Run.Scheme}: {r.ServerErrors} 5xx and {r.TransportFailures} transport failures of {r.Run.Requests} requests (failed: {r.Run.Failed}), stop took {r.StopSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s");
    }

    private static HypothesisVerdict Verdict(Hypothesis hypothesis, IReadOnlyList<RestartRun> runs, Func<RestartRun, bool> holds, Func<RestartRun, string> evidence) =>
        runs.Count == 0
            ? hypothesis.Inconclusive("No scheme was measured with this procedure.")
            : hypothesis.Holds(runs.All(holds), string.Join("; ", runs.Select(evidence)) + ".");

    /// <summary>How the table and the steps name a procedure.</summary>
    internal static string Describe(RestartProcedure procedure) => procedure switch
    {
        RestartProcedure.SigtermAlone => "(a) SIGTERM alone",
        RestartProcedure.DeregisteredFirst => "(b) deregistered first",
        _ => throw new ArgumentOutOfRangeException(nameof(procedure), procedure, "Unknown procedure."),
    };

    /// <summary>POST /login as load user <paramref name="worker"/> (the demo directory accepts any user).</summary>
    internal static RequestTemplate LoginRequest(int worker) =>
        new("/login")
        {
            Method = HttpMethod.Post,
            Body = System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"username":"restart-{{worker}}","password":"123456"}""")),
        };

}

/// <summary>How 6.3 restarts a backend.</summary>
internal enum RestartProcedure
{
    /// <summary>SIGTERM, then start: the balancer learns of it only from failed requests (passive health checks).</summary>
    SigtermAlone,

    /// <summary>Out of the balancer's rotation, a short settle, SIGTERM, start, back into rotation.</summary>
    DeregisteredFirst,
}

/// <summary>
/// One scheme and procedure of 6.3: the run through the stop and start, how long the stop took (for
/// <see cref="RestartProcedure.DeregisteredFirst"/> from leaving rotation to exit, settle included) and the backend's
/// /health after the start (0: no reply).
/// </summary>
internal sealed record RestartRun(RestartProcedure Procedure, FailoverRun Run, double StopSeconds, int HealthAfterStart)
{
    public long ServerErrors => Run.FailuresByKind.Where(f => int.TryParse(f.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s >= 500).Sum(f => f.Value);

    public long TransportFailures => Run.FailuresByKind.Where(f => !int.TryParse(f.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _)).Sum(f => f.Value);
}
