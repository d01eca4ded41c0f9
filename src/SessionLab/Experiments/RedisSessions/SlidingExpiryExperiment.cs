using System.Diagnostics;
using System.Globalization;
using SessionLab.Backend.Common;
using SessionLab.Backend.Redis;
using SessionLab.Experiments.Framework;
using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.RedisSessions;

/// <summary>2.2 — does every request push a Redis session's expiry back (sliding expiry), and does an idle session expire?</summary>
internal sealed class SlidingExpiryExperiment : Experiment<SlidingExpiryExperiment, SlidingFacts>, IJudge<SlidingFacts>
{
    private const string Username = "alice";

    private static readonly Hypothesis H1 = new("H1", "The session's TTL decreases while the user is idle.");

    private static readonly Hypothesis H2 = new("H2", "A /profile request renews the TTL to the full value.");

    private static readonly Hypothesis H3 = new("H3", "After idling past the TTL the session is gone: /profile answers 401 and the key no longer exists.");

    public override ExperimentInfo Info { get; } = new(
        "2.2",
        2,
        "Sliding expiry",
        "Does each request renew a Redis session's TTL, and does an idle session expire?",
        [H1, H2, H3]);

    protected override async Task<SlidingFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var ttl = context.Parameter("session_ttl", context.Settings.RedisSessionTtl);
        var firstIdle = context.Parameter("idle_before_renewal", context.Settings.Wait(TimeSpan.FromSeconds(10)));
        var secondIdle = context.Parameter("idle_after_renewal", context.Settings.Wait(TimeSpan.FromSeconds(35)));
        var every = context.Parameter("ttl_sample_interval", context.Settings.Quick ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(1));
        var slack = Slack(ttl);
        var timeline = new Timeline(context, Stopwatch.StartNew(), ttl, slack);

        context.Step($"{Username} logs in via the redis load balancer (session TTL {Seconds(ttl)})");
        var client = context.Client(SchemeKind.Redis);
        var (login, loginTouch) = await timeline.RequestAsync(() => client.LoginAsync(Username, cancellationToken));
        if (login.SessionIdSet is not { } sessionId)
        {
            return SlidingFacts.Empty(ttl) with { Login = login };
        }

        var key = (string)RedisSessionStore.KeyOf(sessionId)!;
        context.Step($"PTTL {key} right after the login");
        var atLogin = await timeline.ReadTtlAsync(key, loginTouch, "login");

        context.Step($"idle {Seconds(firstIdle)}, sampling the TTL every {Seconds(every)}");
        await timeline.IdleAsync(key, firstIdle, every, "idle: the TTL should count down", cancellationToken);
        var afterIdle = await timeline.ReadTtlAsync(key, loginTouch, $"after {Seconds(firstIdle)} idle");

        context.Step("one GET /profile, then PTTL again");
        var (renewal, renewalTouch) = await timeline.RequestAsync(() => client.GetAsync("/profile", cancellationToken));
        var afterRenewal = await timeline.ReadTtlAsync(key, renewalTouch, "/profile");

        context.Step($"idle {Seconds(secondIdle)} (past the {Seconds(ttl)} TTL), sampling the TTL; then GET /profile and EXISTS {key}");
        await timeline.IdleAsync(key, secondIdle, every, "idle past the TTL: the session should expire", cancellationToken);
        var (final, finalTouch) = await timeline.RequestAsync(() => client.GetAsync("/profile", cancellationToken));
        var existsAtEnd = await context.Redis.ExistsAsync(key);
        var idleBeforeFinal = finalTouch.Start - renewalTouch.End;

        return new SlidingFacts(ttl, atLogin, firstIdle.TotalSeconds, afterIdle, renewal.Status, afterRenewal, idleBeforeFinal, final.Status, final.Error, existsAtEnd, timeline.IdleSamples)
        {
            Key = key,
            Login = login,
            Renewal = renewal,
            Final = final,
            FinalAtSeconds = finalTouch.Start,
            TtlPoints = timeline.Points,
        };
    }

    protected override void Tabulate(ExperimentContext context, SlidingFacts facts)
    {
        if (facts.Key is not { } key || facts.Renewal is not { } renewal || facts.Final is not { } final)
        {
            context.Anomaly($"The login answered {facts.Login?.Describe() ?? "nothing"} without a session cookie; nothing to observe.");
            return;
        }

        var ttl = facts.Ttl;
        context.AddTable(
            $"TTL of {key} over time (configured TTL {Seconds(ttl)})",
            ["time", "action", "expected TTL", "measured TTL", "verdict"],
            [
                Row(facts.AtLogin, $"POST /login → {facts.Login?.Describe()}; PTTL"),
                Row(facts.AfterIdle, $"idle {Seconds(TimeSpan.FromSeconds(facts.FirstIdleSeconds))}; PTTL"),
                Row(facts.AfterRenewal, $"GET /profile → {renewal.Describe()}; PTTL"),
                [
                    At(facts.FinalAtSeconds),
                    $"idle {Seconds(TimeSpan.FromSeconds(facts.SecondIdleSeconds))}; GET /profile → {final.Describe()}; EXISTS",
                    "expired: 401, no key",
                    $"{final.Describe()}; key {facts.KeyExistsAtEnd switch { true => "present", false => "absent", null => "unreadable" }}",
                    final.Status == 401 && facts.KeyExistsAtEnd == false ? "ok" : "not expired",
                ],
            ]);
        context.AddChart(new ChartSeries("ttl", "seconds since login", "TTL (s)", facts.TtlPoints));

        if (facts.AtLogin.TtlSeconds is { } first && !facts.AtLogin.InRange)
        {
            context.Anomaly($"The TTL right after the login was {first.ToString("0.000", CultureInfo.InvariantCulture)} s, not the configured {Seconds(ttl)}: the backends run with another session TTL than the lab asked for.");
        }
    }

    /// <summary>
    /// Allowance beyond the measured timing window for a reading to count as expected: Redis reports whole milliseconds
    /// and the lab's clock is not Redis's; 1% of the TTL plus 50 ms covers both without hiding a missed renewal.
    /// </summary>
    internal static TimeSpan Slack(TimeSpan ttl) => TimeSpan.FromMilliseconds(50) + ttl / 100;

    /// <summary>The verdicts, from the facts alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(SlidingFacts facts)
    {

        if (facts.AtLogin.TtlSeconds is not { } login || facts.AfterIdle.TtlSeconds is not { } idle)
        {
            yield return H1.Inconclusive("The session key's TTL could not be read at the login and after the idle time.");
        }
        else
        {
            var rises = facts.IdleSamples.Zip(facts.IdleSamples.Skip(1)).Count(p => p.Second.Y > p.First.Y);
            yield return H1.Holds(idle < login && rises == 0, $"PTTL went from {S(login)} at the login to {S(idle)} after {S(facts.FirstIdleSeconds)} idle (fell {S(login - idle)}; expected {S(facts.AfterIdle.Expected)}); {facts.IdleSamples.Count} samples while idle rose {rises} times.");
        }

        if (facts.RenewStatus != 200 || facts.AfterRenewal.TtlSeconds is not { } renewed || facts.AfterIdle.TtlSeconds is not { } before)
        {
            yield return H2.Inconclusive($"/profile answered {facts.RenewStatus} or the TTL could not be read around it, so no renewal could be observed.");
        }
        else
        {
            var full = renewed >= facts.AfterRenewal.ExpectedLow && renewed > before;
            yield return H2.Holds(full, $"/profile (200) took the TTL from {S(before)} to {S(renewed)} (configured {S(facts.Ttl.TotalSeconds)}, at least {S(facts.AfterRenewal.ExpectedLow)} expected after the measured delay).");
        }

        if (facts.SecondIdleSeconds <= facts.Ttl.TotalSeconds || facts.FinalStatus == 0 || facts.KeyExistsAtEnd is null)
        {
            yield return H3.Inconclusive($"The idle time was {S(facts.SecondIdleSeconds)} for a {S(facts.Ttl.TotalSeconds)} TTL, the final /profile answered {(facts.FinalStatus == 0 ? "nothing" : facts.FinalStatus.ToString(CultureInfo.InvariantCulture))} and the key was {(facts.KeyExistsAtEnd is null ? "unreadable" : "read")}: expiry was not tested.");
        }
        else
        {
            var gone = facts.FinalStatus == 401 && facts.FinalError == ErrorMessages.SessionNotFound && facts.KeyExistsAtEnd == false;
            yield return H3.Holds(gone, $"After {S(facts.SecondIdleSeconds)} idle (TTL {S(facts.Ttl.TotalSeconds)}) /profile answered {facts.FinalStatus.ToString(CultureInfo.InvariantCulture)}{(facts.FinalError is null ? string.Empty : $" \"{facts.FinalError}\"")} and the key was {(facts.KeyExistsAtEnd == true ? "still there" : "gone")}.");
        }
    }

    private static IReadOnlyList<string> Row(TtlReading reading, string action) =>
    [
        At(reading.AtSeconds),
        action,
        $"≈ {S(reading.Expected)} ({reading.ExpectedLow.ToString("0.000", CultureInfo.InvariantCulture)}–{reading.ExpectedHigh.ToString("0.000", CultureInfo.InvariantCulture)})",
        reading.TtlSeconds is { } ttl ? $"{ttl.ToString("0.000", CultureInfo.InvariantCulture)} s" : "no key",
        reading.TtlSeconds is null ? "no key" : reading.InRange ? "ok" : $"off by {S(Math.Abs(reading.TtlSeconds.Value - reading.Expected))}",
    ];

    private static string At(double seconds) => $"t = {seconds.ToString("0.00", CultureInfo.InvariantCulture)} s";

    private static string S(double seconds) => $"{seconds.ToString("0.00", CultureInfo.InvariantCulture)} s";

    private static string Seconds(TimeSpan span) => $"{Format.CompactSeconds(span)} s";

    /// <summary>The experiment's clock (t = 0 at the login), the TTL readings with what each should be, and the chart's points.</summary>
    private sealed class Timeline(ExperimentContext context, Stopwatch clock, TimeSpan ttl, TimeSpan slack)
    {
        private readonly List<ChartPoint> _points = [];
        private readonly List<ChartPoint> _idleSamples = [];

        public IReadOnlyList<ChartPoint> Points => [.. _points.OrderBy(p => p.X)];

        /// <summary>The samples taken while idle before the renewal (where the TTL may only fall).</summary>
        public IReadOnlyList<ChartPoint> IdleSamples => _idleSamples;

        private double Now => clock.Elapsed.TotalSeconds;

        /// <summary>Sends a request that touches the session and remembers when, since the backend renews the TTL somewhere in that window.</summary>
        public async Task<(Exchange Reply, Touch Touch)> RequestAsync(Func<Task<Exchange>> send)
        {
            var start = Now;
            var reply = await send();
            return (reply, new Touch(start, Now));
        }

        /// <summary>
        /// PTTL, with the range it must fall in if the last touch set it to the full TTL: the TTL less the time since the
        /// touch, which lies between (read start − touch end) and (read end − touch start), widened by the slack.
        /// </summary>
        public async Task<TtlReading> ReadTtlAsync(string key, Touch since, string label)
        {
            var start = Now;
            var value = await context.Redis.TtlAsync(key);
            var end = Now;
            var at = (start + end) / 2;
            var reading = new TtlReading(
                Math.Round(at, 3),
                value?.TotalSeconds,
                Math.Min(ttl.TotalSeconds - (at - ((since.Start + since.End) / 2)), ttl.TotalSeconds),
                (ttl - TimeSpan.FromSeconds(end - since.Start) - slack).TotalSeconds,
                Math.Min((ttl - TimeSpan.FromSeconds(start - since.End) + slack).TotalSeconds, ttl.TotalSeconds));
            _points.Add(new ChartPoint(reading.AtSeconds, value?.TotalSeconds ?? 0, label));
            return reading;
        }

        /// <summary>Waits (with the countdown) while sampling the TTL in the background for the chart.</summary>
        public async Task IdleAsync(string key, TimeSpan duration, TimeSpan every, string why, CancellationToken cancellationToken)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var sampling = SampleAsync(key, every, collectIdle: _idleSamples.Count == 0, stop.Token);
            try
            {
                await context.WaitAsync(duration, why, cancellationToken);
            }
            finally
            {
                await stop.CancelAsync();
                await sampling;
            }
        }

        private async Task SampleAsync(string key, TimeSpan every, bool collectIdle, CancellationToken stop)
        {
            var gone = false;
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    var start = Now;
                    var value = await context.Redis.TtlAsync(key);
                    var point = new ChartPoint(Math.Round((start + Now) / 2, 3), value?.TotalSeconds ?? 0, value is null && !gone ? "key gone" : null);
                    gone |= value is null;
                    _points.Add(point);
                    if (collectIdle)
                    {
                        _idleSamples.Add(point);
                    }

                    await Task.Delay(every, stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The wait is over.
            }
        }
    }

    /// <summary>When a request that renews the session was in flight (seconds since the login started).</summary>
    private sealed record Touch(double Start, double End);
}

/// <summary>What 2.2 observed: the configured TTL, the readings around each step, the final request and the key's fate.</summary>
internal sealed record SlidingFacts(
    TimeSpan Ttl,
    TtlReading AtLogin,
    double FirstIdleSeconds,
    TtlReading AfterIdle,
    int RenewStatus,
    TtlReading AfterRenewal,
    double SecondIdleSeconds,
    int FinalStatus,
    string? FinalError,
    bool? KeyExistsAtEnd,
    IReadOnlyList<ChartPoint> IdleSamples)
{
    /// <summary>The session's Redis key; null when the login gave no session.</summary>
    public string? Key { get; init; }

    /// <summary>The login, the renewing /profile and the final /profile, as the table shows them.</summary>
    public Exchange? Login { get; init; }

    /// <inheritdoc cref="Login"/>
    public Exchange? Renewal { get; init; }

    /// <inheritdoc cref="Login"/>
    public Exchange? Final { get; init; }

    /// <summary>When the final /profile started (seconds since the login).</summary>
    public double FinalAtSeconds { get; init; }

    /// <summary>Every TTL reading of the run, for the chart.</summary>
    public IReadOnlyList<ChartPoint> TtlPoints { get; init; } = [];


    /// <summary>Nothing observed (the login failed).</summary>
    public static SlidingFacts Empty(TimeSpan ttl)
    {
        var none = new TtlReading(0, null, 0, 0, 0);
        return new(ttl, none, 0, none, 0, none, 0, 0, null, null, []);
    }
}

/// <summary>
/// One PTTL reading: when (seconds since the login), the value (null: no key), the value expected from the measured
/// timing (the TTL less the time since the middle of the last touch) and the range it must fall in.
/// </summary>
internal sealed record TtlReading(double AtSeconds, double? TtlSeconds, double Expected, double ExpectedLow, double ExpectedHigh)
{
    public bool InRange => TtlSeconds is { } ttl && ttl >= ExpectedLow && ttl <= ExpectedHigh;
}
