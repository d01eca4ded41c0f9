using System.Globalization;
using SessionLab.Backend.Common;
using SessionLab.Experiments.Framework;
using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.Security;

/// <summary>5.4 — is garbage (malformed, oversized, mistyped, injected) refused with a clear 4xx while others are served?</summary>
internal sealed class GarbageInputExperiment : Experiment<GarbageInputExperiment, GarbageFacts>, IJudge<GarbageFacts>
{
    private static readonly Hypothesis H1 = new("H1", "Every garbage request is refused with a 4xx (no 2xx, no 5xx, no timeout).");

    private static readonly Hypothesis H2 = new("H2", "Every refusal a backend gives is a JSON error (refusals by the load balancer itself are listed apart).");

    private static readonly Hypothesis H3 = new("H3", "A legitimate client interleaved with the garbage gets 200 every time.");

    public override ExperimentInfo Info { get; } = new(
        "5.4",
        5,
        "Garbage and oversized input",
        "Is malformed, oversized or injected input refused with a 4xx, never a 5xx or a hang, while a legitimate client keeps being served?",
        [H1, H2, H3]);

    protected override async Task<GarbageFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var bodyBytes = context.Parameter("large_body_bytes", 1024 * 1024);
        var cookieBytes = context.Parameter("large_cookie_bytes", 16 * 1024);
        var cookieCount = context.Parameter("many_cookies", 1000);
        var probes = new GarbageRequest[]
        {
            new("malformed JSON", "400", c => c.PostRawAsync("/login", """{"username": "alice", """, "application/json", cancellationToken)),
            new("wrong content type (text/plain)", "415", c => c.PostRawAsync("/login", """{"username":"alice","password":"123456"}""", "text/plain", cancellationToken)),
            new($"{bodyBytes / 1024} KB JSON body", "413 (from a backend or the LB)", c => c.PostRawAsync("/login", $$"""{"username":"alice","password":"{{new string('x', bodyBytes)}}"}""", "application/json", cancellationToken)),
            new($"{cookieBytes / 1024} KB cookie", "431 from a backend, or the LB's own 400/431", c => WithCookieAsync(c, $"session_id={new string('A', cookieBytes)}", cancellationToken)),
            new($"{cookieCount} cookies", "431 from a backend, or the LB's own 400/431", c => WithCookieAsync(c, string.Join("; ", Enumerable.Range(0, cookieCount).Select(i => $"c{i}=x")), cancellationToken)),
            new("CRLF header injection in username", "400, no injected header", c => c.LoginAsync("alice\r\nSet-Cookie: injected=1", cancellationToken)),
        };

        var rows = new List<GarbageResult>();
        var legit = new List<Exchange>();
        foreach (var scheme in new[] { SchemeKind.Sticky, SchemeKind.Redis, SchemeKind.Jwt })
        {
            var name = scheme.ToString().ToLowerInvariant();
            context.Step($"{name}: a legitimate client logs in; each garbage request is followed by its GET /profile");
            var user = context.Client(scheme, cookies: scheme != SchemeKind.Jwt);
            var token = (await user.LoginAsync("legit-user", cancellationToken)).Property("token");
            foreach (var probe in probes)
            {
                context.Step($"{name}: {probe.Name}, then the legitimate client's GET /profile");
                var attacker = context.Client(scheme, cookies: false);
                var reply = await probe.Send(attacker);
                var injected = reply.SetCookies.Any(c => c.StartsWith("injected", StringComparison.Ordinal));
                var after = await user.GetAsync("/profile", cancellationToken, bearer: token);
                legit.Add(after);
                rows.Add(new GarbageResult(name, probe.Name, probe.Expected, reply, injected, after));
            }
        }

        return new GarbageFacts(rows);
    }

    protected override void Tabulate(ExperimentContext context, GarbageFacts facts)
    {
        var rows = facts.Results;
        context.AddTable(
            "Garbage requests (each followed by a legitimate GET /profile)",
            ["scheme", "request", "expected", "observed", "refused by", "legitimate client right after"],
            rows.Select(r => (IReadOnlyList<string>)[r.Scheme, r.Probe, r.Expected, Observed(r), r.RefusedBy, r.LegitAfter.Describe()]));

        foreach (var row in rows.Where(r => r.Reply.Status is 0 or >= 500 or < 400 || r.Injected))
        {
            context.Anomaly($"{row.Scheme}: {row.Probe} got {row.Reply.Describe()}{(row.Injected ? " and the injected header was set" : string.Empty)}.");
        }
    }

    /// <summary>The verdicts, from the facts alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(GarbageFacts facts)
    {
        var rows = facts.Results;
        var bad = rows.Where(r => r.Reply.Status is < 400 or >= 500 || r.Injected).ToList();
        yield return rows.Count == 0
            ? H1.Inconclusive("No garbage request was sent.")
            : H1.Holds(bad.Count == 0, bad.Count == 0
                    ? $"All {rows.Count} garbage requests got a 4xx ({Statuses(rows)})."
                    : $"{bad.Count} of {rows.Count} garbage requests were not cleanly refused: {string.Join("; ", bad.Select(r => $"{r.Scheme} {r.Probe} → {r.Reply.Describe()}{(r.Injected ? " (injected header set)" : string.Empty)}"))}.");

        var byBackend = rows.Where(r => r.Reply.ServerId is not null).ToList();
        var byBalancer = rows.Where(r => r.Reply.ServerId is null && r.Reply.Status > 0).ToList();
        var unclear = byBackend.Where(r => r.Reply.Status >= 400 && r.Reply.Error is null).ToList();
        yield return byBackend.Count == 0
            ? H2.Inconclusive($"No garbage request reached a backend ({byBalancer.Count} were refused by the load balancer).")
            : H2.Holds(unclear.Count == 0, $"{byBackend.Count - unclear.Count} of {byBackend.Count} refusals by a backend carried a JSON error; {byBalancer.Count} requests were refused by the load balancer itself{(byBalancer.Count == 0 ? string.Empty : $" ({string.Join(", ", byBalancer.Select(r => $"{r.Scheme} {r.Probe} → {r.Reply.Status}"))})")}.");

        var failed = rows.Where(r => !r.LegitAfter.IsOk).ToList();
        yield return H3.Holds(failed.Count == 0, failed.Count == 0
                ? $"The legitimate clients got 200 on all {rows.Count} requests interleaved with the garbage (median {Median(rows.Select(r => r.LegitAfter.ElapsedMs))} ms)."
                : $"{failed.Count} of {rows.Count} legitimate requests failed: {string.Join("; ", failed.Select(r => $"{r.Scheme} after {r.Probe} → {r.LegitAfter.Describe()}"))}.");
    }

    private static Task<Exchange> WithCookieAsync(LabClient client, string cookie, CancellationToken cancellationToken)
    {
        client.SetHeader("Cookie", cookie);
        return client.GetAsync("/profile", cancellationToken);
    }

    private static string Observed(GarbageResult r) =>
        r.Reply.Error is not null || r.Reply.Status == 0 ? r.Reply.Describe() + (r.Injected ? " (injected header set!)" : string.Empty)
        : $"{r.Reply.Status} {(r.Reply.Body.Length == 0 ? "(empty body)" : $"(not JSON) {(r.Reply.Body.Length > 50 ? r.Reply.Body[..50] + "…" : r.Reply.Body)}".ReplaceLineEndings(" "))}";

    private static string Statuses(IEnumerable<GarbageResult> rows) =>
        string.Join(", ", rows.GroupBy(r => r.Reply.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} ×{g.Count()}"));

    private static string Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? "-" : sorted[sorted.Count / 2].ToString("0.0", CultureInfo.InvariantCulture);
    }

    private sealed record GarbageRequest(string Name, string Expected, Func<LabClient, Task<Exchange>> Send);
}

/// <summary>What 5.4 observed: every garbage request with the legitimate request that followed it.</summary>
internal sealed record GarbageFacts(IReadOnlyList<GarbageResult> Results);

/// <summary>One garbage request on one scheme: its reply, whether an injected header came back, and the legitimate client's next reply.</summary>
internal sealed record GarbageResult(string Scheme, string Probe, string Expected, Exchange Reply, bool Injected, Exchange LegitAfter)
{
    public string RefusedBy => Reply.Status == 0 ? "-" : Reply.ServerId ?? "load balancer";
}
