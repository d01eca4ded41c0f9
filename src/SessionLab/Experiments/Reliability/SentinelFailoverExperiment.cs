using System.Diagnostics;
using System.Globalization;
using SessionLab.Backend.Common;
using SessionLab.Experiments.Framework;
using SessionLab.Experiments.Framework.FaultsUnderLoad;
using SessionLab.Experiments.Framework.Load;
using SessionLab.Reporting.Model;
using SessionLab.Topology;
using SessionLab.Topology.Stores;

namespace SessionLab.Experiments.Reliability;

/// <summary>
/// 6.8 — with Redis run as production runs it for failover (a primary, two replicas, three Sentinels), how long are
/// sessions and revocations unavailable when the primary is killed under load, how fast do the clients follow the new
/// primary, and how many acknowledged writes does asynchronous replication lose — and what does <c>WAIT 1</c> cost?
/// </summary>
internal sealed class SentinelFailoverExperiment : Experiment<SentinelFailoverExperiment, SentinelFailoverFacts>, IJudge<SentinelFailoverFacts>
{
    /// <summary>Beyond down-after-milliseconds, what a failover may take (election, promotion, the clients following).</summary>
    public static readonly TimeSpan FailoverAllowance = TimeSpan.FromSeconds(5);

    /// <summary>How soon after Sentinel's announcement the backends must answer from the new primary.</summary>
    public static readonly TimeSpan FollowLimit = TimeSpan.FromSeconds(2);

    /// <summary>What <c>WAIT 1</c> may cost a login on one machine (a replica's acknowledgement over loopback).</summary>
    public static readonly TimeSpan WaitCostLimit = TimeSpan.FromMilliseconds(1);

    /// <summary>How long the group may take to be healthy again after a failover (the old primary rejoined as a replica, every Sentinel agreeing); generous, as a busy 2-core machine slows the Sentinels' rediscovery.</summary>
    public static readonly TimeSpan RestoreLimit = TimeSpan.FromSeconds(60);

    /// <summary>The <c>WAIT</c> timeout the durable backends use.</summary>
    public static readonly TimeSpan WaitTimeout = TimeSpan.FromMilliseconds(500);

    private static readonly Hypothesis H1 = new("H1", "Sentinel fails over by itself: after kill -9 of the primary both the redis scheme and JWT + revocation are served again within down-after-milliseconds + 5 s, no backend restarted.");

    private static readonly Hypothesis H2 = new("H2", "The clients follow the new primary promptly: both schemes answer from it within 2 s of a Sentinel announcing it (+switch-master).");

    private static readonly Hypothesis H3 = new("H3", "With Redis's default asynchronous replication, no login (session) or revocation acknowledged before the kill is missing after the failover.");

    private static readonly Hypothesis H4 = new("H4", "With WAIT 1 after every login and revocation, nothing acknowledged is missing after a failover.");

    private static readonly Hypothesis H5 = new("H5", "WAIT 1 costs a login and a revocation less than 1 ms at the median on one machine, but more than nothing.");

    public override ExperimentInfo Info { get; } = new(
        "6.8",
        6,
        "Sentinel failover under load",
        "With a primary, two replicas and three Sentinels, how long are sessions and revocations unavailable when the primary is killed under load, how fast do clients follow the new primary, how many acknowledged writes are lost — and what does WAIT 1 cost?",
        [H1, H2, H3, H4, H5]);

    protected override async Task<SentinelFailoverFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var quick = context.Settings.Quick;
        var users = context.Parameter("readers_per_scheme", context.Settings.Concurrency ?? (quick ? 4 : 8));
        var writers = context.Parameter("writers_per_scheme", 2);
        var duration = context.Parameter("duration", context.Settings.Duration ?? (quick ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(14)));
        var killAt = context.Parameter("primary_killed_at", TimeSpan.FromSeconds(2));
        var failovers = context.Parameter("asynchronous_failovers", quick ? 1 : 3);
        context.Parameter("wait", $"WAIT 1 {WaitTimeout.TotalMilliseconds:0}");

        IReplicatedStore group;
        bool owned;
        try
        {
            context.Step("the Sentinel group: the topology's own (--redis sentinel), else one started beside it");
            (group, owned) = await context.Topology.SentinelGroupAsync(cancellationToken);
        }
        catch (TopologyException e)
        {
            context.Skip($"needs a Sentinel group (redis-server and redis-sentinel): {e.Message}");
            return null;
        }

        context.Parameter("sentinel", group.Settings);
        var backends = new List<BackendNode>();
        try
        {
            context.Step("four extra backends on the Sentinel group: redis and JWT + revocation, each without and with WAIT 1 after every write");
            backends.Add(await StartAsync(context, group, SchemeKind.Redis, 1, "ha-async", durable: false, cancellationToken));
            backends.Add(await StartAsync(context, group, SchemeKind.Jwt, 2, "ha-async", durable: false, cancellationToken));
            backends.Add(await StartAsync(context, group, SchemeKind.Redis, 3, "ha-wait", durable: true, cancellationToken));
            backends.Add(await StartAsync(context, group, SchemeKind.Jwt, 4, "ha-wait", durable: true, cancellationToken));

            context.Step("calm write latency: serial logins (redis) and revocations (JWT), without and with WAIT 1, interleaved");
            var latency = await MeasureLatencyAsync(backends, quick ? 2 : 3, cancellationToken);

            var asynchronous = await FailoverAsync(context, group, backends[0], backends[1], "asynchronous replication", "a", users, writers, duration, killAt, cancellationToken);
            var healthy = asynchronous is not null && await RestoreAsync(context, group, cancellationToken);
            var repeats = new List<FailoverPhase>();
            for (var i = 2; healthy && i <= failovers; i++)
            {
                if (await FailoverAsync(context, group, backends[0], backends[1], $"asynchronous replication, failover {i}", $"a{i}", users, writers, duration, killAt, cancellationToken) is not { } repeat)
                {
                    break;
                }

                repeats.Add(repeat);
                healthy = await RestoreAsync(context, group, cancellationToken);
            }

            FailoverPhase? durable = null;
            if (healthy)
            {
                durable = await FailoverAsync(context, group, backends[2], backends[3], "WAIT 1 after every write", "w", users, writers, duration, killAt, cancellationToken);
                await RestoreAsync(context, group, cancellationToken);
            }

            if (asynchronous is null)
            {
                context.JudgeAllInconclusive("The load users could not log in to the backends on the Sentinel group.");
                return null;
            }

            return new SentinelFailoverFacts(group.Settings, DownAfterOf(group), asynchronous, durable, latency) { Repeats = repeats };
        }
        finally
        {
            foreach (var backend in backends)
            {
                await backend.DisposeAsync();
            }

            if (owned)
            {
                await group.DisposeAsync();
            }
        }
    }

    protected override void Tabulate(ExperimentContext context, SentinelFailoverFacts facts)
    {
        foreach (var phase in facts.AsynchronousFailovers.Append(facts.Durable).OfType<FailoverPhase>())
        {
            context.AddTable(
                $"Primary killed under load: {phase.Name}",
                ["measure", "redis scheme (sessions)", "jwt + revocation"],
                [
                    ["killed", phase.Killed, "same"],
                    ["Sentinel announced the new primary (s after the kill)", Num(phase.AnnouncedAfterSeconds), phase.Announcement ?? "no announcement"],
                    ["reads (/profile; /profile-with-blacklist): first failure / first success after it (s after the kill)", Window(phase.RedisReads), Window(phase.JwtReads)],
                    ["writes (login; logout = revocation): first failure / first success after it (s after the kill)", Window(phase.RedisWrites), Window(phase.JwtWrites)],
                    ["unavailable to users, reads / writes (s)", $"{Num(phase.RedisReads.UnavailableSeconds)} / {Num(phase.RedisWrites.UnavailableSeconds)}", $"{Num(phase.JwtReads.UnavailableSeconds)} / {Num(phase.JwtWrites.UnavailableSeconds)}"],
                    ["first success after the announcement, reads / writes (s)", $"{Num(phase.RedisReads.FollowedAfterAnnouncementSeconds)} / {Num(phase.RedisWrites.FollowedAfterAnnouncementSeconds)}", $"{Num(phase.JwtReads.FollowedAfterAnnouncementSeconds)} / {Num(phase.JwtWrites.FollowedAfterAnnouncementSeconds)}"],
                    ["failed reads (probe) / failed writes after the kill", $"{phase.RedisReads.Failures} / {phase.RedisWrites.Failures}", $"{phase.JwtReads.Failures} / {phase.JwtWrites.Failures}"],
                    ["writes acknowledged (login 200 / logout 200)", phase.Sessions.Acknowledged.ToString(CultureInfo.InvariantCulture), phase.Revocations.Acknowledged.ToString(CultureInfo.InvariantCulture)],
                    ["of those missing afterwards", phase.Sessions.Missing.ToString(CultureInfo.InvariantCulture), phase.Revocations.Missing.ToString(CultureInfo.InvariantCulture)],
                    ["of those unanswered when checked", phase.Sessions.Unknown.ToString(CultureInfo.InvariantCulture), phase.Revocations.Unknown.ToString(CultureInfo.InvariantCulture)],
                    ["read load: requests / failed", $"{phase.ReadRequests} / {phase.ReadFailures}", "(both schemes)"],
                ]);
            AddMetrics(context, phase);
            if (phase.AnnouncedAfterSeconds is { } announced && phase.JwtReads.RecoveredSeconds < announced && phase.JwtWrites.RecoveredSeconds >= announced)
            {
                context.Anomaly($"{phase.Name}: JWT revocation checks were answered again {Num(phase.JwtReads.RecoveredSeconds)} s after the kill, before any primary existed ({Num(announced)} s): reads of the blacklist (EXISTS, GET) fall back to a replica in StackExchange.Redis, while revocations (SET) waited for the new primary.");
            }

            if (phase.Sessions.Unknown + phase.Revocations.Unknown > 0)
            {
                context.Anomaly($"{phase.Name}: {phase.Sessions.Unknown + phase.Revocations.Unknown} acknowledged writes got neither answer when read back five times after the failover.");
            }
        }

        if (facts.Latency is { } latency)
        {
            context.AddTable(
                "Calm write latency without and with WAIT 1 (ms, serial, one backend each)",
                ["write", "P50", "P99", "P50 with WAIT 1", "P99 with WAIT 1"],
                [
                    ["login (redis session)", Ms(latency.LoginP50Ms), Ms(latency.LoginP99Ms), Ms(latency.LoginWaitP50Ms), Ms(latency.LoginWaitP99Ms)],
                    ["revocation (JWT logout)", Ms(latency.RevokeP50Ms), Ms(latency.RevokeP99Ms), Ms(latency.RevokeWaitP50Ms), Ms(latency.RevokeWaitP99Ms)],
                    ["writes refused with WAIT 1 (no replica acknowledged within the timeout)", "-", "-", latency.WaitRefused.ToString(CultureInfo.InvariantCulture), $"of {latency.Samples} measured"],
                ]);
        }
    }

    /// <summary>Per variant and failover: how long users could not read or write, and acknowledged writes lost.</summary>
    private static void AddMetrics(ExperimentContext context, FailoverPhase phase)
    {
        foreach (var (variant, reads, writes, check) in new[] { (TargetNames.Redis, phase.RedisReads, phase.RedisWrites, phase.Sessions), (TargetNames.JwtRevocation, phase.JwtReads, phase.JwtWrites, phase.Revocations) })
        {
            if (reads.UnavailableSeconds is { } readsDown)
            {
                context.AddMetric(new Metric(variant, FaultMetrics.Name("reads_unavailable_s", phase.Name), "s", readsDown));
            }

            if (writes.UnavailableSeconds is { } writesDown)
            {
                context.AddMetric(new Metric(variant, FaultMetrics.Name("writes_unavailable_s", phase.Name), "s", writesDown));
            }

            context.AddMetric(new Metric(variant, FaultMetrics.Name("acknowledged_writes", phase.Name), "writes", check.Acknowledged));
            context.AddMetric(new Metric(variant, FaultMetrics.Name("acknowledged_writes_lost", phase.Name), "writes", check.Missing));
        }

        if (phase.AnnouncedAfterSeconds is { } announced)
        {
            context.AddMetric(new Metric("sentinel", FaultMetrics.Name("new_primary_announced_s", phase.Name), "s", announced));
        }
    }

    /// <summary>The verdicts from the facts alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(SentinelFailoverFacts facts)
    {
        var phases = facts.AsynchronousFailovers;
        var limit = facts.DownAfterSeconds + FailoverAllowance.TotalSeconds;
        yield return JudgeRecovery(phases, limit, facts.DownAfterSeconds);
        yield return JudgeFollowing(phases);

        var missingSessions = phases.Sum(p => p.Sessions.Missing);
        var missingRevocations = phases.Sum(p => p.Revocations.Missing);
        var acknowledgedSessions = phases.Sum(p => p.Sessions.Acknowledged);
        var acknowledgedRevocations = phases.Sum(p => p.Revocations.Acknowledged);
        var unanswered = phases.Sum(p => p.Sessions.Unknown + p.Revocations.Unknown);
        var over = phases.Count == 1 ? "the failover" : $"{phases.Count} failovers";
        yield return acknowledgedSessions + acknowledgedRevocations == 0
            ? H3.Inconclusive("No write was acknowledged during the load.")
            : H3.Holds(missingSessions + missingRevocations == 0, $"Of {acknowledgedSessions} acknowledged logins {missingSessions} sessions were missing after {over}, of {acknowledgedRevocations} acknowledged revocations {missingRevocations} tokens were accepted again ({unanswered} unanswered).");

        if (facts.Durable is not { } durable)
        {
            yield return H4.Inconclusive("The second failover (WAIT 1) did not run: the group did not become healthy again after the first.");
        }
        else
        {
            var durableAcknowledged = durable.Sessions.Acknowledged + durable.Revocations.Acknowledged;
            yield return durableAcknowledged == 0
                ? H4.Inconclusive("No write was acknowledged during the WAIT 1 load.")
                : H4.Holds(
                    durable.Sessions.Missing + durable.Revocations.Missing == 0,
                    $"With WAIT 1: of {durable.Sessions.Acknowledged} acknowledged logins {durable.Sessions.Missing} sessions were missing, of {durable.Revocations.Acknowledged} acknowledged revocations {durable.Revocations.Missing} tokens were accepted again; unavailable {Num(FailoverPhase.Unavailable(durable.RedisReads, durable.RedisWrites))} s (redis) and {Num(FailoverPhase.Unavailable(durable.JwtReads, durable.JwtWrites))} s (JWT + revocation).");
        }

        if (facts.Latency is not { Samples: > 0 } latency || double.IsNaN(latency.LoginWaitP50Ms) || double.IsNaN(latency.RevokeWaitP50Ms))
        {
            yield return H5.Inconclusive("The calm write latency was not measured.");
        }
        else
        {
            var login = latency.LoginWaitP50Ms - latency.LoginP50Ms;
            var revoke = latency.RevokeWaitP50Ms - latency.RevokeP50Ms;
            var cap = WaitCostLimit.TotalMilliseconds;
            var evidence = string.Create(CultureInfo.InvariantCulture, $"Median login {Ms(latency.LoginP50Ms)} ms, with WAIT 1 {Ms(latency.LoginWaitP50Ms)} ms ({login:+0.000;-0.000} ms); median revocation {Ms(latency.RevokeP50Ms)} ms, with WAIT 1 {Ms(latency.RevokeWaitP50Ms)} ms ({revoke:+0.000;-0.000} ms); {latency.Samples} writes measured");
            var rounds = WaitCostRounds.Of(latency.LoginCostPerRoundMs, latency.RevokeCostPerRoundMs, cap);
            yield return rounds switch
            {
                // Without per-round figures (older results), the pooled medians decide as before.
                null => H5.Holds(login > 0 && revoke > 0 && login < cap && revoke < cap, evidence + "."),
                { Verdict: Verdict.Inconclusive } => H5.Inconclusive($"{evidence}; {rounds.Text}: the rounds disagree, so the cost is within the noise of this machine."),
                _ => H5.Holds(rounds.Verdict == Verdict.Confirmed, $"{evidence}; {rounds.Text}."),
            };
        }
    }

    /// <summary>H1 over every asynchronous failover: each must be served again within the limit, or one counter-example refutes it.</summary>
    private static HypothesisVerdict JudgeRecovery(IReadOnlyList<FailoverPhase> phases, double limit, double downAfter)
    {
        var windows = phases.Select(p => (Phase: p, Redis: FailoverPhase.Unavailable(p.RedisReads, p.RedisWrites), Jwt: FailoverPhase.Unavailable(p.JwtReads, p.JwtWrites))).ToList();
        var texts = windows.Select(w => $"unavailable {Num(w.Redis)} s (redis: reads {Num(w.Phase.RedisReads.UnavailableSeconds)}, logins {Num(w.Phase.RedisWrites.UnavailableSeconds)}) and {Num(w.Jwt)} s (JWT + revocation: checks {Num(w.Phase.JwtReads.UnavailableSeconds)}, revocations {Num(w.Phase.JwtWrites.UnavailableSeconds)}) after kill -9 of {w.Phase.Killed}").ToList();
        var limitText = string.Create(CultureInfo.InvariantCulture, $"limit {limit:0.###} s (down-after {downAfter:0.###} s + {FailoverAllowance.TotalSeconds:0} s)");
        var evidence = phases.Count == 1
            ? $"{texts[0]}; {limitText}"
            : $"{windows.Count(w => w.Redis <= limit && w.Jwt <= limit)} of {phases.Count} failovers within the {limitText}: " + string.Join("; ", texts.Select((t, i) => $"failover {i + 1}: {t}"));
        return windows.Any(w => w.Redis is null || w.Jwt is null)
            ? H1.Refuted($"A scheme was not served again before the load ended: {evidence}.")
            : H1.Holds(windows.All(w => w.Redis <= limit && w.Jwt <= limit), Capitalized(evidence) + ".");
    }

    /// <summary>
    /// H2 over every asynchronous failover that was announced, judged on what needs the primary: the redis scheme's reads
    /// (GETEX renews the TTL) and both schemes' writes. One slow follow refutes it: it is a claim about every failover.
    /// </summary>
    private static HypothesisVerdict JudgeFollowing(IReadOnlyList<FailoverPhase> phases)
    {
        var announced = phases.Where(p => p.AnnouncedAfterSeconds is not null).ToList();
        if (announced.Count == 0)
        {
            return H2.Inconclusive("No Sentinel announced +switch-master while the lab listened.");
        }

        static double?[] Follows(FailoverPhase p) => [p.RedisReads.FollowedAfterAnnouncementSeconds, p.RedisWrites.FollowedAfterAnnouncementSeconds, p.JwtWrites.FollowedAfterAnnouncementSeconds];
        static string Text(FailoverPhase p)
        {
            var f = Follows(p);
            return $"Sentinel announced the new primary {Num(p.AnnouncedAfterSeconds)} s after the kill; the first success came {Num(f[0])} s later for redis reads, {Num(f[1])} s for logins and {Num(f[2])} s for revocations";
        }

        var unannounced = phases.Count - announced.Count;
        var note = unannounced > 0 ? $" ({unannounced} of {phases.Count} failovers not announced while the lab listened)" : string.Empty;
        if (announced.FirstOrDefault(p => Follows(p).Any(f => f is null)) is { } stuck)
        {
            return H2.Refuted($"A Sentinel announced the new primary {Num(stuck.AnnouncedAfterSeconds)} s after the kill, but the redis reads, logins or revocations got no success from it before the load ended ({string.Join(", ", Follows(stuck).Select(Num))} s){note}.");
        }

        var prompt = announced.Count(p => Follows(p).All(f => f <= FollowLimit.TotalSeconds));
        var evidence = announced.Count == 1
            ? Text(announced[0])
            : $"{prompt} of {announced.Count} failovers followed within {FollowLimit.TotalSeconds:0} s: " + string.Join("; ", announced.Select((p, i) => $"failover {i + 1}: {Text(p)}"));
        return H2.Holds(prompt == announced.Count, evidence + note + ".");
    }

    private static async Task<BackendNode> StartAsync(ExperimentContext context, IReplicatedStore group, SchemeKind scheme, int index, string name, bool durable, CancellationToken cancellationToken) =>
        await context.Topology.StartExtraBackendAsync(
            scheme,
            index,
            name,
            launch => launch with
            {
                StoreConfiguration = group.Configuration,
                // Long enough that nothing written during the load expires before it is read back (quick mode's TTL is 3 s).
                SessionTtl = TimeSpan.FromMinutes(10),
                JwtLifetime = TimeSpan.FromHours(1),
                Revocation = Backend.Jwt.RevocationMode.On,
                Settings = durable
                    ? new Dictionary<string, string> { ["Redis:WaitReplicas"] = "1", ["Redis:WaitTimeout"] = WaitTimeout.ToString("c", CultureInfo.InvariantCulture) }
                    : new Dictionary<string, string>(),
            },
            cancellationToken);

    private static async Task<FailoverPhase?> FailoverAsync(
        ExperimentContext context, IReplicatedStore group, BackendNode redisBackend, BackendNode jwtBackend, string name, string tag, int users, int writers, TimeSpan duration, TimeSpan killAt, CancellationToken cancellationToken)
    {
        context.Step($"{name}: {users} readers and {writers} writers per scheme on {redisBackend.Name} and {jwtBackend.Name} for {Format.CompactSeconds(duration)} s; kill -9 the primary ({group.PrimaryName}) at {Format.CompactSeconds(killAt)} s");
        var redis = await new PerformanceTarget("redis", SchemeKind.Redis, redisBackend.BaseAddress, "/profile", false, false, []).WithUsersAsync(context, users, cancellationToken);
        var jwt = await new PerformanceTarget("jwt + revocation", SchemeKind.Jwt, jwtBackend.BaseAddress, "/profile-with-blacklist", false, false, []).WithUsersAsync(context, users, cancellationToken);
        if (redis is null || jwt is null)
        {
            return null;
        }

        await using var watch = await group.WatchFailoverAsync(cancellationToken);
        using var stopWriters = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sessionWrites = AcknowledgedWrites.RunAsync(redisBackend.BaseAddress, revocations: false, writers, $"ha{tag}-s", stopWriters.Token);
        var revocationWrites = AcknowledgedWrites.RunAsync(jwtBackend.BaseAddress, revocations: true, writers, $"ha{tag}-r", stopWriters.Token);
        long killed = 0;
        string killedName = group.PrimaryName ?? "the primary";
        var run = await FaultUnderLoad.RunAsync(
            context,
            [new LoadSpec(redis, users), new LoadSpec(jwt, users)],
            [redis, jwt],
            duration,
            [(killAt, async () =>
            {
                killed = Stopwatch.GetTimestamp();
                return await group.KillNodeAsync("primary");
            })],
            cancellationToken);
        await stopWriters.CancelAsync();
        var sessions = await sessionWrites;
        var revocations = await revocationWrites;
        LoadRecording.Record(context, $"redis reads, {name}", run.Loads[0]);
        LoadRecording.Record(context, $"jwt + revocation reads, {name}", run.Loads[1]);

        // The announcement may come after the load if the failover was slow: wait a little for it.
        await Task.WhenAny(watch.Announced, Task.Delay(TimeSpan.FromSeconds(10), cancellationToken));
        var announcement = watch.Announced.IsCompletedSuccessfully ? watch.Announced.Result : null;
        var killAtLoad = run.Faults[0].AtSeconds;
        double? announcedAfter = announcement is null ? null : Math.Round((announcement.Timestamp - killed) / (double)Stopwatch.Frequency, 3);
        context.RecordFault(announcement is null ? "no +switch-master announcement within 10 s of the load's end" : $"+switch-master {announcement.Message} ({Num(announcedAfter)} s after the kill)");

        context.Step($"{name}: read back every acknowledged session and revocation");
        var checkedSessions = await CheckAsync(redisBackend.BaseAddress, revocations: false, sessions.Acknowledged, cancellationToken);
        var checkedRevocations = await CheckAsync(jwtBackend.BaseAddress, revocations: true, revocations.Acknowledged, cancellationToken);
        var phase = new FailoverPhase(
            name,
            killedName,
            announcedAfter,
            announcement?.Message,
            SchemeOutage.From(SchemeOutage.Events(run.Probes[0], killAtLoad), announcedAfter),
            SchemeOutage.From(SchemeOutage.Events(sessions, killed), announcedAfter),
            SchemeOutage.From(SchemeOutage.Events(run.Probes[1], killAtLoad), announcedAfter),
            SchemeOutage.From(SchemeOutage.Events(revocations, killed), announcedAfter),
            checkedSessions,
            checkedRevocations,
            run.Loads.Sum(l => l.TotalRequests),
            run.Loads.Sum(l => l.FailuresByKind.Values.Sum()));
        context.Recorder.Note(ObservationKind.Note, $"{name}: missing sessions {FailoverPhase.Missing(checkedSessions, killed)}, missing revocations {FailoverPhase.Missing(checkedRevocations, killed)}");
        return phase;
    }

    /// <summary>Reads back the writes with eight checkers at once, so thousands take seconds.</summary>
    private static async Task<WriteCheck> CheckAsync(Uri backend, bool revocations, IReadOnlyList<AcknowledgedWrite> writes, CancellationToken cancellationToken)
    {
        const int Checkers = 8;
        var parts = await Task.WhenAll(Enumerable.Range(0, Checkers).Select(i =>
            AcknowledgedWrites.CheckAsync(backend, revocations, [.. writes.Where((_, n) => n % Checkers == i)], cancellationToken)));
        return new WriteCheck(parts.Sum(p => p.Acknowledged), parts.Sum(p => p.Kept), parts.Sum(p => p.Missing), parts.Sum(p => p.Unknown), [.. parts.SelectMany(p => p.MissingAcknowledgedAt)]);
    }

    /// <summary>Starts every member that is down (the killed primary rejoins as a replica) and waits until the group can fail over again.</summary>
    private static async Task<bool> RestoreAsync(ExperimentContext context, IReplicatedStore group, CancellationToken cancellationToken)
    {
        foreach (var node in group.Nodes().Where(n => !n.IsRunning))
        {
            context.RecordFault(await context.Topology.StartStoreNodeAsync(group, node.Name, cancellationToken));
        }

        try
        {
            await group.WaitHealthyAsync(RestoreLimit, cancellationToken);
            context.Recorder.Note(ObservationKind.Note, $"the Sentinel group is healthy again; primary {group.PrimaryName}");
            return true;
        }
        catch (TopologyException e)
        {
            context.Anomaly($"After the failover the Sentinel group did not become healthy again: {e.Message}");
            return false;
        }
    }

    /// <summary>One writer per backend for a short slice, the four backends in turn, for several rounds (a neighbour's noise hits all alike).</summary>
    private static async Task<WriteLatency> MeasureLatencyAsync(List<BackendNode> backends, int rounds, CancellationToken cancellationToken)
    {
        var samples = backends.Select(_ => new List<double>()).ToArray();
        var roundMedians = backends.Select(_ => new List<double>()).ToArray();
        var refused = 0;
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < backends.Count; i++)
            {
                using var slice = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                slice.CancelAfter(TimeSpan.FromMilliseconds(750));
                var log = await AcknowledgedWrites.RunAsync(backends[i].BaseAddress, revocations: backends[i].Scheme == SchemeKind.Jwt, 1, $"halat{round}-{i}", slice.Token);
                // The first writes of a slice warm the connection up.
                var measured = log.LatenciesMs.Skip(5).ToList();
                samples[i].AddRange(measured);
                roundMedians[i].Add(WriteLatency.Percentile(measured, 0.5));
                refused += i >= 2 ? log.Failures.Count : 0;
            }
        }

        return new WriteLatency(
            WriteLatency.Percentile(samples[0], 0.5), WriteLatency.Percentile(samples[0], 0.99),
            WriteLatency.Percentile(samples[2], 0.5), WriteLatency.Percentile(samples[2], 0.99),
            WriteLatency.Percentile(samples[1], 0.5), WriteLatency.Percentile(samples[1], 0.99),
            WriteLatency.Percentile(samples[3], 0.5), WriteLatency.Percentile(samples[3], 0.99),
            samples.Sum(s => s.Count),
            refused)
        {
            // Paired within each round, so drift between rounds (a neighbour's load) cancels out of the cost.
            LoginCostPerRoundMs = [.. roundMedians[2].Zip(roundMedians[0], (waited, plain) => Math.Round(waited - plain, 3)).Where(double.IsFinite)],
            RevokeCostPerRoundMs = [.. roundMedians[3].Zip(roundMedians[1], (waited, plain) => Math.Round(waited - plain, 3)).Where(double.IsFinite)],
        };
    }

    private static double DownAfterOf(IReplicatedStore group) => group is Topology.Stores.Sentinel.SentinelStore sentinel ? sentinel.DownAfter.TotalSeconds : new Topology.Stores.Sentinel.SentinelSettings().DownAfter.TotalSeconds;

    private static string Window(SchemeOutage outage) => $"{Num(outage.FirstFailureSeconds)} / {Num(outage.RecoveredSeconds)}";

    private static string Num(double? seconds) => seconds is { } s ? s.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    private static string Ms(double ms) => double.IsNaN(ms) ? "-" : LoadRecording.Ms(ms);

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
