using System.Globalization;
using SessionLab.Backend.Common;
using SessionLab.Experiments.Framework;
using SessionLab.Experiments.Group4;
using SessionLab.Measurement.Load;
using SessionLab.Reporting.Model;
using SessionLab.Topology;

namespace SessionLab.Experiments.Group6;

/// <summary>6.3 — does a graceful stop (SIGTERM) and start of a backend under load fail any request?</summary>
internal sealed class GracefulRestartUnderLoadExperiment : IExperiment
{
    public ExperimentInfo Info { get; } = new(
        "6.3",
        6,
        "Backend restart under load (SIGTERM)",
        "Does a graceful stop (SIGTERM) and start of a backend under load fail any request?",
        [
            new("H1", "No 5xx reaches the clients through the load balancer while a backend stops gracefully and starts again, for POST /login (never retried once sent) as for GET /profile."),
            new("H2", "No request in flight is lost: no connection reset, closed connection or timeout either."),
            new("H3", "The restarted backend is ready again: its own /health answers 200 after the start."),
        ]);

    public async Task RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var quick = context.Settings.Quick;
        var users = context.Parameter("users", context.Settings.Concurrency ?? (quick ? 8 : 20));
        var duration = context.Parameter("duration", context.Settings.Duration ?? (quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(10)));
        var stopAt = context.Parameter("sigterm_at", duration / 3);
        var startAt = context.Parameter("start_at", duration * 2 / 3);
        // Half the workers log in over and over: a balancer retries a GET on another backend, but never a POST it has sent.
        var logins = context.Parameter("login_workers", Math.Clamp(users / 2, 0, users - 1));
        context.Parameter("probe_interval", FaultUnderLoad.ProbeInterval);

        var runs = new List<RestartRun>();
        System.Diagnostics.Stopwatch? sinceStickyFault = null;
        foreach (var scheme in new[] { SchemeKind.Sticky, SchemeKind.Redis, SchemeKind.Jwt })
        {
            var name = SchemeNames.Of(scheme);
            // Only the GET workers hold sessions: a session nobody uses would expire (quick TTL) and count as lost.
            context.Step($"{name}: {users - logins} users log in (one session per GET /profile worker)");
            if (await SettledLogin.RunAsync(context, new PerformanceTarget(name, scheme, context.Topology.BalancerAddress(scheme), "/profile", false, false, []), users - logins, cancellationToken) is not { } target)
            {
                continue;
            }

            var victim = await VictimAsync(context, target, cancellationToken);
            context.Step($"{name}: {users} workers ({users - logins} GET /profile, {logins} POST /login) for {Seconds(duration)} s; SIGTERM to {victim.Name} at {Seconds(stopAt)} s, start it again at {Seconds(startAt)} s");
            var run = await FaultUnderLoad.RunAsync(
                context,
                target,
                users,
                duration,
                [(stopAt, () => context.Faults.StopBackendAsync(victim.Name)), (startAt, () => context.Faults.StartBackendAsync(victim.Name, cancellationToken))],
                cancellationToken,
                worker => worker >= users - logins ? LoginRequest(worker) : target.RequestFor(worker));
            LoadRecording.Record(context, $"{name} with SIGTERM and start of {victim.Name}", run.Load);
            context.AddChart(BackendKillUnderLoadExperiment.ErrorChart($"errors per second: {name}, SIGTERM at {Seconds(stopAt)} s", run));

            context.Step($"{name}: {victim.Name}'s own /health, and every load user's /profile once more");
            var health = await context.Client(victim.BaseAddress, cookies: false).GetAsync("/health", cancellationToken);
            var sessions = await SessionCheck.RunAsync(target, cancellationToken);
            runs.Add(new RestartRun(FailoverRun.From(name, victim.ServerId, run, sessions), run.Faults[0].DoneAtSeconds - run.Faults[0].AtSeconds, health.Status));
            sinceStickyFault ??= scheme == SchemeKind.Sticky ? System.Diagnostics.Stopwatch.StartNew() : null;
        }

        if (sinceStickyFault is not null)
        {
            context.Step("wait out the load balancer's fail_timeout since the sticky stop");
            await BalancerSettle.WaitAsync(context, sinceStickyFault.Elapsed, cancellationToken);
        }

        context.AddTable(
            "Each scheme under load while one backend stops gracefully (SIGTERM) and starts again",
            ["scheme", "stopped", "SIGTERM at (s)", "stop took (s)", "requests", "failed (by kind)", "5xx", "transport failures", "errors per second", "probe after SIGTERM", "load P99 / max (ms)", "its /health after the start", "sessions after the load"],
            runs.Select(r => (IReadOnlyList<string>)[
                r.Run.Scheme,
                r.Run.Victim,
                r.Run.FaultAtSeconds.ToString("0.000", CultureInfo.InvariantCulture),
                r.StopSeconds.ToString("0.000", CultureInfo.InvariantCulture),
                r.Run.Requests.ToString(CultureInfo.InvariantCulture),
                r.Run.Failures,
                r.ServerErrors.ToString(CultureInfo.InvariantCulture),
                r.TransportFailures.ToString(CultureInfo.InvariantCulture),
                r.Run.Timeline,
                r.Run.ProbeWindow,
                $"{LoadRecording.Ms(r.Run.LoadP99Ms)} / {LoadRecording.Ms(r.Run.LoadMaxMs)}",
                r.HealthAfterStart == 0 ? "no reply" : r.HealthAfterStart.ToString(CultureInfo.InvariantCulture),
                $"{r.Run.Sessions.Kept} kept, {r.Run.Sessions.Lost} lost (401), {r.Run.Sessions.Other} other of {r.Run.Sessions.Users} ({r.Run.Sessions.Answers})",
            ]));

        foreach (var verdict in Judge(Info, runs))
        {
            context.Judge(verdict);
        }

        if (runs.FirstOrDefault(r => r.Run.Scheme == "sticky") is { Run.Sessions.Lost: > 0 } sticky)
        {
            context.Anomaly($"sticky: a graceful stop loses the in-memory sessions as a crash does ({sticky.Run.Sessions.Lost} of {sticky.Run.Sessions.Users} users got 401 after the load): 401s are counted as lost sessions, not as failed requests.");
        }
    }

    /// <summary>The verdicts from the runs alone (pure: unit-tested on canned data).</summary>
    internal static IEnumerable<HypothesisVerdict> Judge(ExperimentInfo info, IReadOnlyList<RestartRun> runs)
    {
        if (runs.Count == 0)
        {
            foreach (var h in info.Hypotheses)
            {
                yield return new(h.Id, h.Statement, Verdict.Inconclusive, "No scheme was measured.");
            }

            yield break;
        }

        var h1 = info["H1"];
        yield return new(h1.Id, h1.Statement, runs.All(r => r.ServerErrors == 0) ? Verdict.Confirmed : Verdict.Refuted,
            string.Join("; ", runs.Select(r => $"{r.Run.Scheme}: {r.ServerErrors} 5xx of {r.Run.Requests} requests, GET /profile and POST /login ({r.Run.Failures})")) + ".");

        var h2 = info["H2"];
        yield return new(h2.Id, h2.Statement, runs.All(r => r.TransportFailures == 0 && r.Run.FailedProbesAfterFault == 0) ? Verdict.Confirmed : Verdict.Refuted,
            string.Join("; ", runs.Select(r => $"{r.Run.Scheme}: {r.TransportFailures} transport failures, probe {r.Run.ProbeWindow}, stop took {r.StopSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s")) + ".");

        var h3 = info["H3"];
        yield return new(h3.Id, h3.Statement, runs.All(r => r.HealthAfterStart == 200) ? Verdict.Confirmed : Verdict.Refuted,
            string.Join("; ", runs.Select(r => $"{r.Run.Victim} ({r.Run.Scheme}): /health {(r.HealthAfterStart == 0 ? "no reply" : r.HealthAfterStart.ToString(CultureInfo.InvariantCulture))}")) + ".");
    }

    /// <summary>Sticky: the backend worker 0's session lives on (one client address, so all of them); round robin: the first of the group.</summary>
    private static async Task<BackendNode> VictimAsync(ExperimentContext context, PerformanceTarget target, CancellationToken cancellationToken)
    {
        var backends = context.Topology.BackendsOf(target.Scheme).ToList();
        if (target.Scheme != SchemeKind.Sticky)
        {
            return backends[0];
        }

        var client = context.Client(target.Balancer, cookies: false);
        client.SetHeader("Cookie", $"session_id={target.Credentials[0]}");
        var profile = await client.GetAsync("/profile", cancellationToken);
        return backends.FirstOrDefault(b => b.ServerId == profile.ServerId) ?? backends[0];
    }

    /// <summary>POST /login as load user <paramref name="worker"/> (the demo directory accepts any user).</summary>
    internal static RequestTemplate LoginRequest(int worker) =>
        new("/login")
        {
            Method = HttpMethod.Post,
            Body = System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"username":"restart-{{worker}}","password":"123456"}""")),
        };

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>One scheme of 6.3: the run through the stop and start, how long the stop took and the backend's /health after the start (0: no reply).</summary>
internal sealed record RestartRun(FailoverRun Run, double StopSeconds, int HealthAfterStart)
{
    public long ServerErrors => Run.FailuresByKind.Where(f => int.TryParse(f.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s >= 500).Sum(f => f.Value);

    public long TransportFailures => Run.FailuresByKind.Where(f => !int.TryParse(f.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _)).Sum(f => f.Value);
}
