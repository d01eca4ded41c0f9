using System.Globalization;
using System.Text.Json;
using SessionLab.Backend.Common;
using SessionLab.Backend.Redis;
using SessionLab.Experiments.Framework;
using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.RedisSessions;

/// <summary>2.1 — can every backend serve a session kept in Redis?</summary>
internal sealed class CrossBackendSharingExperiment : Experiment<CrossBackendSharingExperiment, SharingFacts>, IJudge<SharingFacts>
{
    private const string Username = "alice";

    private static readonly Hypothesis H1 = new("H1", "Every backend sees the session: the cookie sent directly to each gives 200 and the same user.");

    private static readonly Hypothesis H2 = new("H2", "Round robin spreads the requests evenly over all backends.");

    private static readonly Hypothesis H3 = new("H3", "The session lives in Redis under session:{id} as JSON, with a TTL.");

    public override ExperimentInfo Info { get; } = new(
        "2.1",
        2,
        "Cross-backend sharing",
        "Can every backend serve a session kept in Redis, whichever backend created it?",
        [H1, H2, H3]);

    protected override async Task<SharingFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var requests = context.Parameter("round_robin_requests", 20);

        context.Step($"{Username} logs in via the redis load balancer");
        var client = context.Client(SchemeKind.Redis);
        var login = await client.LoginAsync(Username, cancellationToken);
        var sessionId = login.SessionIdSet;

        var key = sessionId is null ? null : (string)RedisSessionStore.KeyOf(sessionId)!;
        context.Step($"read the Redis key {key ?? "session:{id}"}: value and TTL");
        var stored = key is null ? null : await ReadKeyAsync(context, key);

        var backends = context.Topology.BackendsOf(SchemeKind.Redis).ToList();
        context.Step($"the same cookie sent directly to every redis backend ({string.Join(", ", backends.Select(b => b.Port))}), and each one's /debug/sessions");
        var direct = new List<SharedBackend>();
        foreach (var backend in backends)
        {
            var raw = context.Client(backend.BaseAddress, cookies: false);
            raw.SetHeader("Cookie", sessionId is null ? null : $"session_id={sessionId}");
            var profile = await raw.GetAsync("/profile", cancellationToken);
            var debug = await raw.GetAsync("/debug/sessions", cancellationToken);
            direct.Add(new SharedBackend(backend.ServerId, backend.Port, profile.Status, profile.Describe(), profile.Property("username"), profile.Property("user_id"), ListsSession(debug, sessionId)));
        }

        context.Step($"{requests} GET /profile via the round-robin load balancer");
        var sequence = new List<string>();
        var failures = new List<string>();
        for (var i = 0; i < requests; i++)
        {
            var reply = await client.GetAsync("/profile", cancellationToken);
            sequence.Add(reply.ServerId ?? Unanswered);
            if (!reply.IsOk)
            {
                failures.Add(reply.Describe());
            }
        }

        return new SharingFacts(Username, login.Property("user_id"), sessionId, stored, context.Settings.RedisSessionTtl, direct, [.. backends.Select(b => b.ServerId)], sequence, failures);
    }

    protected override void Tabulate(ExperimentContext context, SharingFacts facts)
    {
        var (direct, sequence, failures, stored) = (facts.Backends, facts.Sequence, facts.Failures, facts.Stored);
        var requests = facts.Sequence.Count;
        var key = facts.SessionId is null ? null : (string)RedisSessionStore.KeyOf(facts.SessionId)!;
        context.AddTable(
            "The session cookie on each redis backend",
            ["backend", "port", "GET /profile", "user returned", "store"],
            direct.Select(d => (IReadOnlyList<string>)[
                d.ServerId,
                d.Port.ToString(CultureInfo.InvariantCulture),
                d.Reply,
                d.User is null ? "none" : $"{d.User} (user_id {d.UserId})",
                d.ListedInStore switch { true => "Redis (listed by its /debug/sessions)", false => "not listed by its /debug/sessions", null => "unknown" }]));
        var counts = facts.Counts;
        context.AddTable(
            $"Round-robin distribution of {requests} GET /profile",
            ["backend", "requests", "share"],
            [
                .. counts.Select(c => (IReadOnlyList<string>)[c.Key, c.Value.ToString(CultureInfo.InvariantCulture), Share(c.Value, requests)]),
                ["total", sequence.Count.ToString(CultureInfo.InvariantCulture), $"max−min {facts.Spread.ToString(CultureInfo.InvariantCulture)}; {failures.Count} not 200"],
            ]);
        context.AddTable(
            "The session in Redis",
            ["key", "value", "TTL", "configured TTL"],
            [[
                key ?? "(no session id)",
                stored?.Value ?? (stored?.Exists == false ? "(no such key)" : "(unreadable)"),
                stored?.Ttl is { } ttl ? $"{ttl.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s" : stored?.Exists == true ? "no expiry" : "no key",
                $"{facts.ConfiguredTtl.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s",
            ]]);
        context.AddChart(new ChartSeries("round robin", "backend", "requests", [.. counts.Select((c, i) => new ChartPoint(i + 1, c.Value, c.Key))]));
    }

    /// <summary>Tolerance for "even": strict round robin gives max−min ≤ 1; one more allows for a request of another client in between.</summary>
    internal const int EvenSpreadTolerance = 2;

    /// <summary>The verdicts, from the facts alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(SharingFacts facts)
    {
        if (facts.SessionId is null)
        {
            const string NoSession = "The login via the load balancer gave no session cookie.";
            yield return H1.Inconclusive(NoSession);
            yield return H2.Inconclusive(NoSession);
            yield return H3.Inconclusive(NoSession);
            yield break;
        }

        var sameUser = facts.Backends.Count(b => b.Status == 200 && b.User == facts.Username);
        var replies = string.Join(", ", facts.Backends.Select(b => $"{b.ServerId} {b.Reply}{(b.User is null ? string.Empty : $" {b.User}")}"));
        var h1Verdict = facts.Backends.Count > 0 && sameUser == facts.Backends.Count ? Verdict.Confirmed
            : facts.Backends.Any(b => b.Status != 0 && !(b.Status == 200 && b.User == facts.Username)) ? Verdict.Refuted
            : Verdict.Inconclusive;
        yield return H1.With(h1Verdict, $"{sameUser} of {facts.Backends.Count} backends answered the cookie with 200 and user {facts.Username} ({replies}).");

        var answered = facts.Sequence.Count(s => s != Unanswered);
        var distribution = string.Join(" / ", facts.Counts.Select(c => $"{c.Key}: {c.Value.ToString(CultureInfo.InvariantCulture)}"));
        var everyone = facts.Counts.All(c => c.Value > 0);
        yield return answered < facts.BackendIds.Count
            ? H2.Inconclusive($"Only {answered} of {facts.Sequence.Count} requests were answered.")
            : H2.Holds(everyone && facts.Spread <= EvenSpreadTolerance, $"{facts.Sequence.Count} requests went {distribution} (max−min {facts.Spread.ToString(CultureInfo.InvariantCulture)}, tolerance {EvenSpreadTolerance.ToString(CultureInfo.InvariantCulture)}){(facts.Failures.Count > 0 ? $"; {facts.Failures.Count} were not 200" : string.Empty)}.");

        yield return JudgeStore(facts);
    }

    private static HypothesisVerdict JudgeStore(SharingFacts facts)
    {
        var key = $"session:{facts.SessionId}";
        if (facts.Stored is not { } stored || stored.Exists is null)
        {
            return H3.Inconclusive($"Redis could not be read for {key}.");
        }

        if (stored.Exists == false || stored.Value is null)
        {
            return H3.Refuted($"Right after the login Redis had no key {key}.");
        }

        var json = ParseObject(stored.Value);
        var idMatches = json is { } j && j.TryGetProperty("session_id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == facts.SessionId;
        var userMatches = json is { } u && u.TryGetProperty("username", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() == facts.Username;
        var hasUserId = json is { } k && k.TryGetProperty("user_id", out _);
        var ttlOk = stored.Ttl is { } ttl && ttl > TimeSpan.Zero && ttl <= facts.ConfiguredTtl;
        var ttlText = stored.Ttl is { } t ? $"TTL {t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s of a configured {facts.ConfiguredTtl.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s" : "no TTL (the key never expires)";
        return H3.Holds(idMatches && userMatches && hasUserId && ttlOk, $"{key} holds {(json is null ? "a value that is not a JSON object" : $"JSON with session_id {(idMatches ? "matching" : "NOT matching")} the cookie, username {(userMatches ? facts.Username : "NOT " + facts.Username)}{(hasUserId ? " and a user_id" : ", no user_id")}")}, {ttlText}.");
    }

    private const string Unanswered = "(no answer)";

    private static async Task<StoredSession> ReadKeyAsync(ExperimentContext context, string key)
    {
        var exists = await context.Redis.ExistsAsync(key);
        var value = await context.Redis.GetAsync(key);
        var ttl = await context.Redis.TtlAsync(key);
        return new StoredSession(exists, value, ttl);
    }

    private static bool? ListsSession(Exchange debug, string? sessionId)
    {
        if (sessionId is null || !debug.IsOk || debug.Json is not { ValueKind: JsonValueKind.Object } json
            || !json.TryGetProperty("session_ids", out var ids) || ids.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        if (ids.EnumerateArray().Any(id => id.ValueKind == JsonValueKind.String && id.GetString() == sessionId))
        {
            return true;
        }

        return json.TryGetProperty("truncated", out var truncated) && truncated.ValueKind == JsonValueKind.True ? null : false;
    }

    private static JsonElement? ParseObject(string value)
    {
        try
        {
            using var document = JsonDocument.Parse(value);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Share(int count, int total) =>
        total == 0 ? "-" : $"{(100.0 * count / total).ToString("0", CultureInfo.InvariantCulture)} %";
}

/// <summary>What 2.1 observed: the login, the key in Redis, each backend's answer to the cookie, and the round-robin sequence.</summary>
internal sealed record SharingFacts(
    string Username,
    string? UserId,
    string? SessionId,
    StoredSession? Stored,
    TimeSpan ConfiguredTtl,
    IReadOnlyList<SharedBackend> Backends,
    IReadOnlyList<string> BackendIds,
    IReadOnlyList<string> Sequence,
    IReadOnlyList<string> Failures)
{
    /// <summary>Requests per backend, every backend listed (zero included), in name order.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> Counts =>
        [.. BackendIds.Order(StringComparer.Ordinal).Select(id => new KeyValuePair<string, int>(id, Sequence.Count(s => s == id)))];

    /// <summary>Most minus fewest requests per backend.</summary>
    public int Spread => Counts.Count == 0 ? 0 : Counts.Max(c => c.Value) - Counts.Min(c => c.Value);
}

/// <summary>The session key as read from Redis: whether it exists (null: unreadable), its value and its TTL (null: none).</summary>
internal sealed record StoredSession(bool? Exists, string? Value, TimeSpan? Ttl);

/// <summary>One redis backend: its reply to the cookie sent directly, and whether its /debug/sessions (read from Redis) lists the session.</summary>
internal sealed record SharedBackend(string ServerId, int Port, int Status, string Reply, string? User, string? UserId, bool? ListedInStore);
