using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using SessionLab.Backend.Common;
using SessionLab.Backend.Sessions;
using SessionLab.Backend.Throttling;
using SessionLab.Experiments.Framework;
using SessionLab.Experiments.Framework.Load;
using SessionLab.Measurement.Load;
using SessionLab.Reporting.Model;
using SessionLab.Topology.Clients;

namespace SessionLab.Experiments.Security;

/// <summary>
/// 5.5 — one attacker guesses session ids at a steady rate from its own address while a legitimate user on another
/// address keeps working: are the guesses all refused, does the backends' failure budget cut the attacker off from the
/// store, and does the user notice nothing?
/// </summary>
internal sealed class BruteForceExperiment : Experiment<BruteForceExperiment, BruteForceFacts>, IJudge<BruteForceFacts>
{
    /// <summary>The attacker's and the user's addresses: two clients the backends tell apart (neither is the lab's exempt 127.0.0.1).</summary>
    private static readonly IPAddress GuesserAddress = new([127, 55, 1, 1]);
    private static readonly IPAddress UserAddress = new([127, 56, 1, 1]);

    private static readonly Hypothesis H1 = new("H1", "No guessed session id is accepted: every guess gets 401 or 429 (none 200, none 5xx, none unanswered).");

    private static readonly Hypothesis H2 = new("H2", "The throttle engages: once its failure budget is spent the guesser gets 429, and its 401s and the store lookups stay within the budget the backends allow (a guessed id fails its signature before any lookup).");

    private static readonly Hypothesis H3 = new("H3", "The legitimate user, on another address, keeps getting 200 with a median /profile latency within 2× of its idle median.");

    public override ExperimentInfo Info { get; } = new(
        "5.5",
        5,
        "Session id brute force",
        "Does a steady guesser of session ids get nowhere, get throttled before it reaches the store, and leave a legitimate user on another address unaffected?",
        [H1, H2, H3]);

    protected override async Task<BruteForceFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var rate = context.Parameter("guesses_per_second", 500);
        var duration = context.Parameter("guess_duration", TimeSpan.FromSeconds(context.Settings.Quick ? 4 : 20));
        var idleSamples = context.Parameter("idle_samples", 200);
        var warmUp = context.Parameter("warm_up_requests", 50);
        var budget = new ThrottleOptions();
        var backends = context.Topology.BackendsOf(SchemeKind.Redis).Count();
        var target = context.Topology.BalancerAddress(SchemeKind.Redis);

        context.Step($"the legitimate user logs in via the redis load balancer from {UserAddress}");
        var login = await context.Client(SchemeKind.Redis, UserAddress).LoginAsync("legit-user", cancellationToken);
        var cookie = login.SessionIdSet is { } id ? $"session_id={id}" : throw new InvalidOperationException($"The login gave no session id: {login.Describe()}.");
        using var user = SourceAddressClientFactory.Create(UserAddress, target, cookies: false);
        using var guesser = SourceAddressClientFactory.Create(GuesserAddress, target, cookies: false);

        context.Step($"idle: {warmUp} warm-up requests, then {idleSamples} serial GET /profile of the legitimate user (not recorded one by one)");
        for (var i = 0; i < warmUp; i++)
        {
            await TimedGetAsync(user, cookie, cancellationToken);
        }

        var idle = await SeriesAsync(user, cookie, idleSamples, cancellationToken);
        var missesBefore = await context.Redis.StatAsync("keyspace_misses");

        context.Step($"{rate} random {SessionIds.Length}-character ids (the shape of a real one, without its signature) a second for {duration.TotalSeconds:0} s from {GuesserAddress} (open loop: sent on schedule, not after replies), while the user keeps calling /profile");
        var statuses = new ConcurrentDictionary<int, int>();
        var watch = Stopwatch.StartNew();
        var guessing = GuessAsync(guesser, rate, duration, statuses, cancellationToken);
        var during = new List<(int Status, double Ms)>();
        while (!guessing.IsCompleted)
        {
            during.Add(await TimedGetAsync(user, cookie, cancellationToken));
        }

        var guesses = await guessing;
        var seconds = watch.Elapsed.TotalSeconds;
        var missesAfter = await context.Redis.StatAsync("keyspace_misses");

        // A second idle series after the guessing, so a machine that got busier or quieter meanwhile (a shared CI box)
        // does not pass for the guessing's effect: the baseline is both series together.
        context.Step($"idle again: {idleSamples} serial GET /profile of the legitimate user after the guessing");
        var idleAfter = await SeriesAsync(user, cookie, idleSamples, cancellationToken);

        var facts = new BruteForceFacts(guesses, new Dictionary<int, int>(statuses), seconds, backends, budget.Burst, budget.FailuresPerSecond,
            missesBefore is { } b && missesAfter is { } a ? a - b : null, [.. idle, .. idleAfter], during) { IdleBeforeCount = idle.Count };
        context.Recorder.Note(ObservationKind.Wait, $"brute force: {guesses} guesses in {Ms(seconds)} s; statuses {facts.Distribution}; store misses {facts.StoreMisses?.ToString(CultureInfo.InvariantCulture) ?? "not reported"}; user {during.Count} requests meanwhile");
        return facts;
    }

    protected override void Tabulate(ExperimentContext context, BruteForceFacts facts)
    {
        var (guesses, seconds) = (facts.Guesses, facts.Seconds);
        context.AddTable(
            "Guessed session ids against the redis load balancer",
            ["guesses", "duration", "guesses/s", "401 (refused, budget spent)", "429 (throttled)", "200", "other statuses", "store misses (INFO)", "budget: 401s allowed"],
            [[
                N(guesses), $"{Ms(seconds)} s", (guesses / Math.Max(seconds, 0.001)).ToString("0", CultureInfo.InvariantCulture),
                N(facts.Count(401)), N(facts.Count(429)), N(facts.Count(200)), facts.Others,
                facts.StoreMisses is { } misses ? N(misses) : "not reported",
                $"{N((long)facts.AllowedFailures)} (1.1 × {facts.Budget}; a budget per backend)",
            ]]);
        context.AddTable(
            "Legitimate user's GET /profile latency",
            ["phase", "requests", "non-200", "median ms", "p90 ms", "max ms"],
            [Row("idle, before the guessing", [.. facts.Idle.Take(facts.IdleBeforeCount)]), Row("during the guessing", facts.During), Row("idle, after the guessing", [.. facts.Idle.Skip(facts.IdleBeforeCount)])]);

        context.AddMetric(new Metric(TargetNames.Redis, "guesses", "requests", facts.Guesses));
        context.AddMetric(new Metric(TargetNames.Redis, "guesses_accepted", "requests", facts.Count(200)));
        context.AddMetric(new Metric(TargetNames.Redis, "guesses_throttled", "requests", facts.Count(429)));
        context.AddMetric(new Metric(TargetNames.Redis, "guesses_per_second", "req/s", Math.Round(guesses / Math.Max(seconds, 0.001), 1)));
        if (facts.During.Count > 0)
        {
            context.AddMetric(new Metric(TargetNames.Redis, "legitimate_median_ms_during_guessing", "ms", Math.Round(Median(facts.During), 3)));
        }

        if (facts.Count(200) > 0)
        {
            context.Anomaly($"{facts.Count(200)} guessed session ids were accepted.");
        }
    }

    /// <summary>The verdicts, from the facts alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(BruteForceFacts facts)
    {
        var refused = facts.Count(401) + facts.Count(429);
        yield return facts.Guesses == 0
            ? H1.Inconclusive("No id was guessed.")
            : H1.Holds(refused == facts.Guesses, $"{refused} of {facts.Guesses} guessed ids were refused ({N(facts.Count(401))} × 401, {N(facts.Count(429))} × 429) and {facts.Count(200)} got 200 (other statuses: {facts.Others}).");

        var lookups = facts.StoreMisses is { } misses ? Math.Max(misses, facts.Count(401)) : facts.Count(401);
        var within = lookups <= facts.AllowedFailures;
        var evidence = $"{N(facts.Count(429))} guesses got 429 and {N(facts.Count(401))} got 401 (store misses: {(facts.StoreMisses is { } m ? N(m) : "not reported")}); in {Ms(facts.Seconds)} s the backends allow {N((long)facts.AllowedFailures)} failures (backends × (burst + per-second refill × refills): {facts.Budget}, plus 10% for clocks not lining up).";
        yield return facts.Guesses <= facts.AllowedFailures
            ? H2.Inconclusive($"Only {facts.Guesses} guesses, within the budget: the throttle had nothing to do. {evidence}")
            : H2.Holds(facts.Count(429) > 0 && within, evidence);

        var idle = Median(facts.Idle);
        var during = Median(facts.During);
        var failures = facts.Idle.Concat(facts.During).Count(s => s.Status != 200);
        yield return facts.Idle.Count == 0 || facts.During.Count == 0
            ? H3.Inconclusive($"{facts.Idle.Count} idle and {facts.During.Count} concurrent samples were taken.")
            : H3.Holds(during <= 2 * idle && failures == 0, $"Median {Ms(idle)} ms idle ({facts.Idle.Count} requests before and after) and {Ms(during)} ms during the guessing ({facts.During.Count} requests), {(idle > 0 ? (during / idle).ToString("0.00", CultureInfo.InvariantCulture) : "-")}×; {failures} of the user's requests did not get 200.");
    }

    internal static double Median(IReadOnlyList<(int Status, double Ms)> samples) => Quantile(samples, 0.5);

    /// <summary>
    /// Sends <paramref name="rate"/> guesses a second for <paramref name="duration"/> on a fixed schedule, whatever the
    /// replies do (one attacker that does not slow down when refused); returns how many were sent once all are answered.
    /// </summary>
    private static async Task<int> GuessAsync(HttpClient guesser, int rate, TimeSpan duration, ConcurrentDictionary<int, int> statuses, CancellationToken cancellationToken)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var sent = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var wait = TimeSpan.FromSeconds((double)i / rate) - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }

            sent.Add(GuessOnceAsync());
        }

        await Task.WhenAll(sent);
        return total;

        async Task GuessOnceAsync()
        {
            var (status, _) = await TimedGetAsync(guesser, $"session_id={Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SessionIds.EntropyBytes + SessionIds.TagBytes))}", cancellationToken);
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        }
    }

    private static async Task<List<(int Status, double Ms)>> SeriesAsync(HttpClient user, string cookie, int count, CancellationToken cancellationToken)
    {
        var samples = new List<(int Status, double Ms)>(count);
        for (var i = 0; i < count; i++)
        {
            samples.Add(await TimedGetAsync(user, cookie, cancellationToken));
        }

        return samples;
    }

    private static double Quantile(IReadOnlyList<(int Status, double Ms)> samples, double q)
    {
        var sorted = samples.Select(s => s.Ms).Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
    }

    private static IReadOnlyList<string> Row(string phase, IReadOnlyList<(int Status, double Ms)> samples) =>
        [phase, N(samples.Count), N(samples.Count(s => s.Status != 200)), Ms(Quantile(samples, 0.5)), Ms(Quantile(samples, 0.9)), Ms(samples.Count == 0 ? 0 : samples.Max(s => s.Ms))];

    private static Task<(int Status, double Ms)> TimedGetAsync(HttpClient http, string cookie, CancellationToken cancellationToken) =>
        TimedGet.SendAsync(http, new RequestTemplate("/profile").WithHeader("Cookie", cookie), cancellationToken);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Ms(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
