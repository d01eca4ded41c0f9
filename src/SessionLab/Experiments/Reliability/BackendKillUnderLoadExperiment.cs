using System.Globalization;
using SessionLab.Backend.Common;
using SessionLab.Experiments.Framework;
using SessionLab.Experiments.Framework.FaultsUnderLoad;
using SessionLab.Experiments.Framework.Load;
using SessionLab.Reporting.Model;
using SessionLab.Topology;

namespace SessionLab.Experiments.Reliability;

/// <summary>6.1 — what do the users of each scheme see when a backend is killed under load?</summary>
internal sealed class BackendKillUnderLoadExperiment : Experiment<BackendKillUnderLoadExperiment, IReadOnlyList<FailoverRun>>, IJudge<IReadOnlyList<FailoverRun>>
{
    private static readonly Hypothesis H1 = new("H1", "Redis and JWT sessions survive the kill: after the load every user's session still answers 200.");

    private static readonly Hypothesis H2 = new("H2", "The sticky users on the killed backend lose their sessions: 401 once the load balancer moves them.");

    private static readonly Hypothesis H3 = new("H3", "The load balancer takes the dead backend out without failing requests: no 5xx and no transport error reaches the clients.");

    public override ExperimentInfo Info { get; } = new(
        "6.1",
        6,
        "Backend killed under load",
        "What do the users of each scheme see when a backend is killed with kill -9 under load?",
        [H1, H2, H3]);

    protected override async Task<IReadOnlyList<FailoverRun>?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var quick = context.Settings.Quick;
        var users = context.Parameter("users", context.Settings.Concurrency ?? (quick ? 8 : 20));
        var duration = context.Parameter("duration", context.Settings.Duration ?? (quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(10)));
        var killAt = context.Parameter("kill_at", duration / 3);
        context.Parameter("probe_interval", FaultUnderLoad.ProbeInterval);

        var runs = new List<FailoverRun>();
        System.Diagnostics.Stopwatch? sinceStickyFault = null;
        foreach (var scheme in new[] { SchemeKind.Sticky, SchemeKind.Redis, SchemeKind.Jwt })
        {
            var name = SchemeNames.Of(scheme);
            var candidate = new PerformanceTarget(name, scheme, context.Topology.BalancerAddress(scheme), "/profile", IsBaseline: false, IsCeiling: false, []);
            context.Step($"{name}: {users} users log in (one session per load worker)");
            if (await SettledLogin.RunAsync(context, candidate, users, cancellationToken) is not { } target)
            {
                continue;
            }

            var victim = await FaultVictim.ChooseAsync(context, target, cancellationToken);
            context.Step($"{name}: {users} workers for {Format.CompactSeconds(duration)} s; kill -9 {victim.Name} at {Format.CompactSeconds(killAt)} s");
            var run = await FaultUnderLoad.RunAsync(context, target, users, duration, [(killAt, () => context.Faults.KillBackendAsync(victim.Name))], cancellationToken);
            LoadRecording.Record(context, $"{name} with kill -9 of {victim.Name}", run.Load);
            foreach (var chart in ErrorCharts.Of($"{name}, kill -9 at {Format.CompactSeconds(killAt)} s", run.Load, run.Faults))
            {
                context.AddChart(chart);
            }

            context.Step($"{name}: every load user's /profile once more (401 = session lost)");
            var sessions = await SessionCheck.RunAsync(target, cancellationToken);
            runs.Add(FailoverRun.From(name, victim.ServerId, run, sessions));
            if (scheme == SchemeKind.Sticky)
            {
                // Back at once, so the balancer's next try after fail_timeout finds it alive (see BalancerSettle).
                context.RecordFault(await context.Faults.StartBackendAsync(victim.Name, cancellationToken));
                sinceStickyFault = System.Diagnostics.Stopwatch.StartNew();
            }
        }

        if (sinceStickyFault is not null)
        {
            context.Step("wait out the load balancer's fail_timeout since the sticky kill");
            await BalancerSettle.WaitAsync(context, sinceStickyFault.Elapsed, cancellationToken);
        }

        return runs;
    }

    protected override void Tabulate(ExperimentContext context, IReadOnlyList<FailoverRun> runs)
    {
        context.AddTable(
            "Each scheme under load while one backend is killed (kill -9)",
            ["scheme", "killed", "kill at (s)", "requests", "failed: 5xx, transport (by kind)", "failures per second", "refused: 4xx, session gone (by kind)", "refusals per second", "probe after the kill", "first probe answer from a live backend", "slowest probe after the kill (ms)", "load P99 / max (ms)", "sessions after the load"],
            runs.Select(r => (IReadOnlyList<string>)[
                r.Scheme,
                r.Victim,
                r.FaultAtSeconds.ToString("0.000", CultureInfo.InvariantCulture),
                r.Requests.ToString(CultureInfo.InvariantCulture),
                r.Failed,
                r.FailedPerSecond,
                r.Refused,
                r.RefusedPerSecond,
                r.ProbeWindow,
                r.FirstLiveAnswer,
                r.SlowestProbeAfterFaultMs.ToString("0.0", CultureInfo.InvariantCulture),
                $"{LoadRecording.Ms(r.LoadP99Ms)} / {LoadRecording.Ms(r.LoadMaxMs)}",
                $"{r.Sessions.Kept} kept, {r.Sessions.Lost} lost (401), {r.Sessions.Other} other of {r.Sessions.Users} ({r.Sessions.Answers})",
            ]));

        foreach (var run in runs)
        {
            FaultMetrics.AddFailover(context, run);
        }

        context.Anomaly("All load comes from one client address, so ip_hash puts every sticky user on the same backend: the sticky run kills that one, and all of its users are orphaned at once.");
        foreach (var run in runs.Where(r => r.Sessions.Other > 0))
        {
            context.Anomaly($"{run.Scheme}: {run.Sessions.Other} of {run.Sessions.Users} users got neither 200 nor 401 after the load.");
        }
    }

    /// <summary>The verdicts from the runs alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(IReadOnlyList<FailoverRun> runs)
    {
        var shared = runs.Where(r => r.Scheme is "redis" or "jwt").ToList();
        yield return shared.Count == 0 || shared.Any(r => r.Sessions.Users == 0)
            ? H1.Inconclusive("The redis and JWT schemes were not both measured.")
            : H1.Holds(shared.All(r => r.Sessions.Kept == r.Sessions.Users), string.Join("; ", shared.Select(Sessions)) + ".");

        var sticky = runs.FirstOrDefault(r => r.Scheme == "sticky");
        yield return sticky is null || sticky.Sessions.Users == 0
            ? H2.Inconclusive("The sticky scheme was not measured.")
            : H2.With(sticky.Sessions.Lost == sticky.Sessions.Users ? Verdict.Confirmed : sticky.Sessions.Kept > 0 ? Verdict.Refuted : Verdict.Inconclusive,
                $"{Sessions(sticky)}; the load saw {sticky.Refused} refused and {sticky.Failed} failed.");

        yield return runs.Count == 0
            ? H3.Inconclusive("No scheme was measured.")
            : H3.Holds(runs.All(r => r.FailoverErrors == 0 && r.FailedProbesAfterFault == 0), string.Join("; ", runs.Select(r => $"{r.Scheme}: {r.FailoverErrors.ToString(CultureInfo.InvariantCulture)} of {r.Requests.ToString(CultureInfo.InvariantCulture)} requests failed with a 5xx or no reply, probe {r.ProbeWindow}, first live answer {r.FirstLiveAnswer} after the kill, slowest probe {r.SlowestProbeAfterFaultMs.ToString("0.0", CultureInfo.InvariantCulture)} ms")) + ".");
    }

    private static string Sessions(FailoverRun r) =>
        $"{r.Scheme}: {r.Sessions.Kept} of {r.Sessions.Users} sessions kept, {r.Sessions.Lost} lost (401), {r.Sessions.Other} other, after kill -9 of {r.Victim}";

}
