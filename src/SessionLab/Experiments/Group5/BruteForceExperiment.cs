using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using SessionLab.Backend.Common;
using SessionLab.Experiments.Framework;
using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.Group5;

/// <summary>5.5 — does guessing session ids get nowhere, and does a legitimate user stay fast meanwhile?</summary>
internal sealed class BruteForceExperiment : IExperiment
{
    public ExperimentInfo Info { get; } = new(
        "5.5",
        5,
        "Session id brute force",
        "Are random well-formed session ids all refused, and does a legitimate user's latency stay within 2× of idle during the guessing?",
        [
            new("H1", "Every guessed session id is refused with 401 (none is accepted, none errors)."),
            new("H2", "The legitimate user's median /profile latency during the guessing stays within 2× of its idle median, and all its requests succeed."),
        ]);

    public async Task RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var guesses = context.Parameter("guesses", context.Settings.Quick ? 1_000 : 10_000);
        var parallelism = context.Parameter("guess_parallelism", 4);
        var idleSamples = context.Parameter("idle_samples", 200);
        var warmUp = context.Parameter("warm_up_requests", 50);
        var target = context.Topology.BalancerAddress(SchemeKind.Redis);

        context.Step("a legitimate user logs in via the redis load balancer");
        var user = context.Client(SchemeKind.Redis);
        var login = await user.LoginAsync("legit-user", cancellationToken);
        var cookie = login.SessionIdSet is { } id ? $"session_id={id}" : throw new InvalidOperationException($"The login gave no session id: {login.Describe()}.");
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = parallelism + 1 }) { BaseAddress = target, Timeout = TimeSpan.FromSeconds(10) };

        context.Step($"idle: {warmUp} warm-up requests, then {idleSamples} serial GET /profile of the legitimate user (not recorded one by one)");
        for (var i = 0; i < warmUp; i++)
        {
            await TimedGetAsync(http, cookie, cancellationToken);
        }

        var idle = new List<(int Status, double Ms)>();
        for (var i = 0; i < idleSamples; i++)
        {
            idle.Add(await TimedGetAsync(http, cookie, cancellationToken));
        }

        context.Step($"{guesses} random 22-character ids against GET /profile, {parallelism} at a time, while the legitimate user keeps calling /profile");
        var statuses = new ConcurrentDictionary<int, int>();
        var during = new List<(int Status, double Ms)>();
        var watch = Stopwatch.StartNew();
        var guessing = Parallel.ForEachAsync(Enumerable.Range(0, guesses), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (_, ct) =>
        {
            var (status, _) = await TimedGetAsync(http, $"session_id={Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16))}", ct);
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        });
        while (!guessing.IsCompleted)
        {
            during.Add(await TimedGetAsync(http, cookie, cancellationToken));
        }

        await guessing;
        var seconds = watch.Elapsed.TotalSeconds;

        // A second idle series after the guessing, so a machine that got busier or quieter meanwhile (a shared CI box)
        // does not pass for the guessing's effect: the baseline is both series together.
        context.Step($"idle again: {idleSamples} serial GET /profile of the legitimate user after the guessing");
        var idleAfter = new List<(int Status, double Ms)>();
        for (var i = 0; i < idleSamples; i++)
        {
            idleAfter.Add(await TimedGetAsync(http, cookie, cancellationToken));
        }

        context.Recorder.Note(ObservationKind.Wait, $"brute force: {guesses} guesses in {seconds.ToString("0.00", CultureInfo.InvariantCulture)} s; statuses {string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}"))}; legit user {during.Count} requests meanwhile");

        var facts = new BruteForceFacts(guesses, new Dictionary<int, int>(statuses), [.. idle, .. idleAfter], during, seconds);
        context.AddTable(
            "Guessed session ids against the redis load balancer",
            ["guesses", "duration", "guesses/s", "401", "200", "other statuses"],
            [[guesses.ToString(CultureInfo.InvariantCulture), $"{Ms(seconds)} s", (guesses / seconds).ToString("0", CultureInfo.InvariantCulture), facts.Count(401).ToString(CultureInfo.InvariantCulture), facts.Count(200).ToString(CultureInfo.InvariantCulture), facts.Others]]);
        context.AddTable(
            "Legitimate user's GET /profile latency",
            ["phase", "requests", "non-200", "median ms", "p90 ms", "max ms"],
            [Row("idle, before the guessing", idle), Row("during the guessing", during), Row("idle, after the guessing", idleAfter)]);

        foreach (var verdict in Judge(Info, facts))
        {
            context.Judge(verdict);
        }

        if (Median(during) > 2 * Median(facts.Idle))
        {
            context.Anomaly($"The legitimate user's median latency rose {(Median(during) / Math.Max(Median(facts.Idle), 0.001)).ToString("0.0", CultureInfo.InvariantCulture)}× while {parallelism} unthrottled guessers sent {(guesses / seconds).ToString("0", CultureInfo.InvariantCulture)} requests/s from the same {Environment.ProcessorCount}-core machine as the load balancer and backends; the backends do not rate-limit failed session lookups.");
        }

        if (facts.Count(200) > 0)
        {
            context.Anomaly($"{facts.Count(200)} guessed session ids were accepted.");
        }
    }

    /// <summary>The verdicts, from the facts alone (pure: unit-tested on canned data).</summary>
    internal static IEnumerable<HypothesisVerdict> Judge(ExperimentInfo info, BruteForceFacts facts)
    {
        var h1 = info["H1"];
        var refused = facts.Count(401);
        yield return facts.Guesses == 0
            ? new(h1.Id, h1.Statement, Verdict.Inconclusive, "No id was guessed.")
            : new(h1.Id, h1.Statement, refused == facts.Guesses ? Verdict.Confirmed : Verdict.Refuted,
                $"{refused} of {facts.Guesses} guessed ids got 401 and {facts.Count(200)} got 200 (other statuses: {facts.Others}).");

        var h2 = info["H2"];
        var idle = Median(facts.Idle);
        var during = Median(facts.During);
        var failures = facts.Idle.Concat(facts.During).Count(s => s.Status != 200);
        yield return facts.Idle.Count == 0 || facts.During.Count == 0
            ? new(h2.Id, h2.Statement, Verdict.Inconclusive, $"{facts.Idle.Count} idle and {facts.During.Count} concurrent samples were taken.")
            : new(h2.Id, h2.Statement, during <= 2 * idle && failures == 0 ? Verdict.Confirmed : Verdict.Refuted,
                $"Median {Ms(idle)} ms idle ({facts.Idle.Count} requests before and after) and {Ms(during)} ms during the guessing ({facts.During.Count} requests), {(idle > 0 ? (during / idle).ToString("0.00", CultureInfo.InvariantCulture) : "-")}×; {failures} of the user's requests did not get 200.");
    }

    internal static double Median(IReadOnlyList<(int Status, double Ms)> samples) => Quantile(samples, 0.5);

    private static double Quantile(IReadOnlyList<(int Status, double Ms)> samples, double q)
    {
        var sorted = samples.Select(s => s.Ms).Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
    }

    private static IReadOnlyList<string> Row(string phase, List<(int Status, double Ms)> samples) =>
        [phase, samples.Count.ToString(CultureInfo.InvariantCulture), samples.Count(s => s.Status != 200).ToString(CultureInfo.InvariantCulture), Ms(Quantile(samples, 0.5)), Ms(Quantile(samples, 0.9)), Ms(samples.Count == 0 ? 0 : samples.Max(s => s.Ms))];

    private static async Task<(int Status, double Ms)> TimedGetAsync(HttpClient http, string cookie, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/profile");
        request.Headers.TryAddWithoutValidation("Cookie", cookie);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return ((int)response.StatusCode, watch.Elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (0, watch.Elapsed.TotalMilliseconds);
        }
    }

    private static string Ms(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>What 5.5 observed: the guesses' statuses (0 = no reply), the legitimate user's samples idle (before and after) and during, and how long the guessing took.</summary>
internal sealed record BruteForceFacts(int Guesses, IReadOnlyDictionary<int, int> Statuses, IReadOnlyList<(int Status, double Ms)> Idle, IReadOnlyList<(int Status, double Ms)> During, double Seconds)
{
    public int Count(int status) => Statuses.TryGetValue(status, out var n) ? n : 0;

    public string Others => Statuses.Where(p => p.Key is not (200 or 401)).OrderBy(p => p.Key).Select(p => $"{(p.Key == 0 ? "no reply" : p.Key.ToString(CultureInfo.InvariantCulture))}: {p.Value}") is var others && others.Any() ? string.Join(", ", others) : "none";
}
