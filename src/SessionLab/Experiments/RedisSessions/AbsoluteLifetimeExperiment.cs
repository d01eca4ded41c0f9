using System.Globalization;
using System.Text.Json;
using SessionLab.Backend.Common;
using SessionLab.Backend.Redis;
using SessionLab.Experiments.Framework;
using SessionLab.Reporting.Model;
using SessionLab.Topology;

namespace SessionLab.Experiments.RedisSessions;

/// <summary>
/// 2.5 — does a session kept busy still end at its absolute lifetime (<c>Session:AbsoluteLifetime</c>), however often it
/// is used, and does the sliding Redis TTL never reach past that limit?
/// </summary>
internal sealed class AbsoluteLifetimeExperiment : Experiment<AbsoluteLifetimeExperiment, AbsoluteLifetimeFacts>, IJudge<AbsoluteLifetimeFacts>
{
    /// <summary>How far from the limit a request may land either way and still count as at it (the request's own time, one clock).</summary>
    internal static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(250);

    /// <summary>How far past the limit a TTL reading may reach (the lab, the backend and Redis read one clock, a round trip apart).</summary>
    internal static readonly TimeSpan TtlSlack = TimeSpan.FromMilliseconds(50);

    private static readonly Hypothesis H1 = new("H1", "Redis scheme: a session kept busy (a request every 0.4 s, well within its idle TTL) is still ended at its absolute limit: 200 until it, 401 after it.");

    private static readonly Hypothesis H2 = new("H2", "Redis scheme: the sliding TTL never reaches past the absolute limit: in the session's last idle period every read pulls it back to the limit.");

    private static readonly Hypothesis H3 = new("H3", "Sticky scheme: a session kept busy is ended at its absolute limit as well.");

    public override ExperimentInfo Info { get; } = new(
        "2.5",
        2,
        "Absolute lifetime",
        "Does a session kept busy still end at its absolute lifetime, and does the Redis TTL never reach past it?",
        [H1, H2, H3]);

    protected override async Task<AbsoluteLifetimeFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var quick = context.Settings.Quick;
        var ttl = context.Parameter("session_ttl", quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(4));
        var absolute = context.Parameter("absolute_lifetime", quick ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(12));
        var interval = context.Parameter("request_interval", TimeSpan.FromSeconds(0.4));
        var after = context.Parameter("observed_past_the_limit", TimeSpan.FromSeconds(1.5));

        context.Step($"start an extra redis and an extra sticky backend with Session:Ttl {Format.CompactSeconds(ttl)} s and Session:AbsoluteLifetime {Format.CompactSeconds(absolute)} s");
        BackendLaunch Configure(BackendLaunch launch) => launch with
        {
            SessionTtl = ttl,
            Settings = new Dictionary<string, string>(launch.Settings) { ["Session:AbsoluteLifetime"] = absolute.ToString("c", CultureInfo.InvariantCulture) },
        };
        await using var redisBackend = await context.Topology.StartExtraBackendAsync(SchemeKind.Redis, 1, "redis-absolute", Configure, cancellationToken);
        await using var stickyBackend = await context.Topology.StartExtraBackendAsync(SchemeKind.Sticky, 2, "sticky-absolute", Configure, cancellationToken);

        context.Step("one user logs in on each; GET /sessions gives each session's absolute limit");
        var redis = await LogInAsync(context, redisBackend, cancellationToken);
        var sticky = await LogInAsync(context, stickyBackend, cancellationToken);
        if (redis.Limit is null && sticky.Limit is null)
        {
            context.JudgeAllInconclusive("Neither session could be created or its limit read.");
            return null;
        }

        var end = new[] { redis.Limit, sticky.Limit }.OfType<DateTimeOffset>().Max() + after;
        context.Step($"both users call GET /profile every {Format.CompactSeconds(interval)} s until {Format.CompactSeconds(after)} s past the limit; the lab reads the Redis TTL after each 200");
        var redisSamples = new List<BusySample>();
        var stickySamples = new List<BusySample>();
        while (DateTimeOffset.UtcNow < end)
        {
            if (redis.Limit is { } redisLimit)
            {
                var reply = await redis.Client.GetAsync("/profile", cancellationToken);
                var ttlLeft = reply.IsOk ? await context.Redis.TtlAsync(redis.Key!) : null;
                var now = DateTimeOffset.UtcNow;
                redisSamples.Add(new BusySample((now - redis.LoggedInAt).TotalSeconds, (now - redisLimit).TotalSeconds, reply.Status, reply.Describe(), ttlLeft?.TotalSeconds));
            }

            if (sticky.Limit is { } stickyLimit)
            {
                var reply = await sticky.Client.GetAsync("/profile", cancellationToken);
                var now = DateTimeOffset.UtcNow;
                stickySamples.Add(new BusySample((now - sticky.LoggedInAt).TotalSeconds, (now - stickyLimit).TotalSeconds, reply.Status, reply.Describe(), null));
            }

            await Task.Delay(interval, cancellationToken);
        }

        bool? keyLeft = redis.Key is { } key ? await context.Redis.ExistsAsync(key) : null;
        return new AbsoluteLifetimeFacts(ttl, absolute, new SchemeRun("redis", redis.Limit is not null, redisSamples, keyLeft), new SchemeRun("sticky", sticky.Limit is not null, stickySamples, null));
    }

    private static async Task<LoggedIn> LogInAsync(ExperimentContext context, BackendNode backend, CancellationToken cancellationToken)
    {
        var client = context.Client(backend.BaseAddress);
        var login = await client.LoginAsync($"absolute-{SchemeNamesOf(backend)}", cancellationToken);
        var loggedInAt = DateTimeOffset.UtcNow;
        var sessions = await client.GetAsync("/sessions", cancellationToken);
        DateTimeOffset? limit = null;
        if (sessions.Json is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty("sessions", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            limit = list.EnumerateArray()
                .Where(s => s.TryGetProperty("current", out var current) && current.GetBoolean())
                .Select(s => s.TryGetProperty("absolute_expires_at", out var at) ? at.GetDateTimeOffset() : (DateTimeOffset?)null)
                .FirstOrDefault();
        }

        return new LoggedIn(client, login.IsOk ? limit : null, loggedInAt, login.SessionIdSet is { } id && backend.Scheme == SchemeKind.Redis ? RedisSessionStore.KeyOf(id).ToString() : null);
    }

    private static string SchemeNamesOf(BackendNode backend) => backend.Scheme == SchemeKind.Redis ? "redis" : "sticky";

    protected override void Tabulate(ExperimentContext context, AbsoluteLifetimeFacts facts)
    {
        SchemeRun[] runs = [facts.Redis, facts.Sticky];
        context.AddTable(
            $"A session kept busy: idle TTL {Format.CompactSeconds(facts.Ttl)} s, absolute lifetime {Format.CompactSeconds(facts.Absolute)} s",
            ["scheme", "requests", "200 before the limit", "last 200 (s to the limit)", "first refusal (s past the limit)", "reply after the limit", "Redis TTL reached past the limit (max, ms)", "session key after"],
            runs.Select(r => (IReadOnlyList<string>)[
                r.Scheme,
                Format.Count(r.Samples.Count),
                $"{r.Samples.Count(s => s.Status == 200 && s.ToLimitSeconds < 0).ToString(CultureInfo.InvariantCulture)} of {r.Samples.Count(s => s.ToLimitSeconds < 0).ToString(CultureInfo.InvariantCulture)}",
                r.LastOk is { } ok ? Format.Seconds(-ok.ToLimitSeconds) : "-",
                r.FirstRefusal is { } refusal ? Format.Seconds(refusal.ToLimitSeconds) : "never refused",
                Tally(r.Samples.Where(s => s.ToLimitSeconds > Tolerance.TotalSeconds).Select(s => s.Reply)),
                r.MaxReachPastLimitMs() is { } reach ? reach.ToString("0", CultureInfo.InvariantCulture) : "-",
                r.KeyLeft switch { true => "still there", false => "gone", null => "-" },
            ]));

        var points = facts.Redis.Samples.Where(s => s.TtlSeconds is not null).Select(s => new ChartPoint(Math.Round(s.AtSeconds, 3), Math.Round(s.TtlSeconds!.Value, 3))).ToList();
        if (points.Count > 0)
        {
            context.AddChart(new ChartSeries("ttl-vs-absolute-limit", "seconds since login", "Redis TTL left (s)", points));
        }
    }

    /// <summary>The verdicts, from the facts alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(AbsoluteLifetimeFacts facts)
    {
        yield return EndedAtLimit(H1, facts.Redis, facts);

        var redis = facts.Redis;
        var lastIdle = redis.Samples.Where(s => s.TtlSeconds is not null && s.ToLimitSeconds > -facts.Ttl.TotalSeconds && s.ToLimitSeconds < 0).ToList();
        if (!redis.LoggedIn || lastIdle.Count == 0)
        {
            yield return H2.Inconclusive($"No TTL was read in the session's last idle period ({Format.CompactSeconds(facts.Ttl)} s before its limit), so whether the TTL is cut to the limit was not observed.");
        }
        else
        {
            var reach = redis.MaxReachPastLimitMs()!.Value;
            var readings = redis.Samples.Count(s => s.TtlSeconds is not null);
            yield return H2.Holds(
                reach <= TtlSlack.TotalMilliseconds,
                $"{readings.ToString(CultureInfo.InvariantCulture)} TTL readings after a 200, {lastIdle.Count.ToString(CultureInfo.InvariantCulture)} of them in the last {Format.CompactSeconds(facts.Ttl)} s before the limit: the furthest reached {reach.ToString("0", CultureInfo.InvariantCulture)} ms {(reach <= 0 ? "before" : "past")} the limit (allowed: {TtlSlack.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms past it); an idle TTL would have reached {Format.CompactSeconds(facts.Ttl)} s past a read.");
        }

        yield return EndedAtLimit(H3, facts.Sticky, facts);
    }

    private static HypothesisVerdict EndedAtLimit(Hypothesis hypothesis, SchemeRun run, AbsoluteLifetimeFacts facts)
    {
        var tolerance = Tolerance.TotalSeconds;
        var before = run.Samples.Where(s => s.ToLimitSeconds < -tolerance).ToList();
        var past = run.Samples.Where(s => s.ToLimitSeconds > tolerance).ToList();
        // Busy beyond one idle TTL: otherwise the idle expiry alone could explain the end.
        var busySpan = before.Count > 0 ? before.Max(s => s.AtSeconds) : 0;
        if (!run.LoggedIn || before.Count == 0 || past.Count == 0 || busySpan <= facts.Ttl.TotalSeconds)
        {
            return hypothesis.Inconclusive($"{run.Scheme}: the session was not observed busy for longer than its idle TTL before the limit and past it ({before.Count} requests before, {past.Count} after).");
        }

        var earlyRefusals = before.Count(s => s.Status != 200);
        var servedPast = past.Count(s => s.Status == 200);
        var refusedPast = past.Count(s => s.Status == 401);
        var verdict = earlyRefusals == 0 && servedPast == 0 && refusedPast == past.Count ? Verdict.Confirmed : earlyRefusals > 0 || servedPast > 0 ? Verdict.Refuted : Verdict.Inconclusive;
        return hypothesis.With(
            verdict,
            $"{run.Scheme}: {(before.Count - earlyRefusals).ToString(CultureInfo.InvariantCulture)} of {before.Count.ToString(CultureInfo.InvariantCulture)} requests over {Format.Seconds(busySpan)} s before the {Format.CompactSeconds(facts.Absolute)} s limit got 200 (idle TTL {Format.CompactSeconds(facts.Ttl)} s); past it {Tally(past.Select(s => s.Reply))}{(run.FirstRefusal is { } first ? $", the first refusal {Format.Seconds(first.ToLimitSeconds)} s after the limit" : string.Empty)}.");
    }

    private static string Tally(IEnumerable<string> replies)
    {
        var groups = replies.GroupBy(r => r).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ×{g.Count().ToString(CultureInfo.InvariantCulture)}").ToList();
        return groups.Count == 0 ? "none" : string.Join(", ", groups);
    }

    private sealed record LoggedIn(LabClient Client, DateTimeOffset? Limit, DateTimeOffset LoggedInAt, string? Key);
}

/// <summary>What 2.5 observed: the settings, and a session kept busy on each scheme.</summary>
internal sealed record AbsoluteLifetimeFacts(TimeSpan Ttl, TimeSpan Absolute, SchemeRun Redis, SchemeRun Sticky);

/// <summary>
/// One scheme's busy session: whether it was created (and its limit read), every request, and whether its Redis key
/// was left after the run (redis; null otherwise).
/// </summary>
internal sealed record SchemeRun(string Scheme, bool LoggedIn, IReadOnlyList<BusySample> Samples, bool? KeyLeft)
{
    public BusySample? LastOk => Samples.LastOrDefault(s => s.Status == 200);

    public BusySample? FirstRefusal => Samples.FirstOrDefault(s => s.Status != 200);

    /// <summary>How far past the limit the furthest TTL reading reached, in ms (negative: before it); null without readings.</summary>
    public double? MaxReachPastLimitMs()
    {
        var readings = Samples.Where(s => s.TtlSeconds is not null).ToList();
        return readings.Count == 0 ? null : readings.Max(s => (s.ToLimitSeconds + s.TtlSeconds!.Value) * 1000);
    }
}

/// <summary>
/// One request of the busy loop: seconds since login, seconds relative to the absolute limit (negative before it), its
/// reply, and the Redis TTL read right after a 200 (null otherwise, or on sticky).
/// </summary>
internal sealed record BusySample(double AtSeconds, double ToLimitSeconds, int Status, string Reply, double? TtlSeconds);
