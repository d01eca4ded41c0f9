using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SessionLab.Backend.Common;
using SessionLab.Experiments.Framework;
using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.Jwt;

/// <summary>3.1 — does a JWT really need nothing on the server: no store, no process memory, no particular backend?</summary>
internal sealed class JwtStatelessnessExperiment : Experiment<JwtStatelessnessExperiment, StatelessnessFacts>, IJudge<StatelessnessFacts>
{
    private static readonly Hypothesis H1 = new("H1", "A JWT needs no server-side store: /profile answers 200 while Redis is down.");

    private static readonly Hypothesis H2 = new("H2", "A restart of a backend process does not affect issued tokens.");

    private static readonly Hypothesis H3 = new("H3", "Any backend accepts the token, and every one sees the same user.");

    public override ExperimentInfo Info { get; } = new(
        "3.1",
        3,
        "JWT statelessness",
        "Does a JWT work without any server-side state?",
        [H1, H2, H3]);

    protected override async Task<StatelessnessFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var username = context.Parameter("username", "alice");
        var settle = context.Parameter("wait_after_stop", context.Settings.Wait(TimeSpan.FromSeconds(1)));
        var backends = context.Topology.BackendsOf(SchemeKind.Jwt).ToList();
        var balancer = context.Client(SchemeKind.Jwt, cookies: false);

        context.Step($"log in as {username} via the jwt load balancer; decode the token without verifying it");
        var login = await balancer.LoginAsync(username, cancellationToken);
        var token = login.Property("token") ?? throw new InvalidOperationException($"The jwt login gave no token: {login.Describe()}.");
        var rows = new List<StatelessnessRow>
        {
            new("Redis up", "GET /profile via the load balancer", StoreState(context), await balancer.GetAsync("/profile", cancellationToken, bearer: token)),
        };

        context.Step("kill -9 Redis and call /profile through the load balancer once per backend (and /profile-with-blacklist once)");
        context.RecordFault(await context.Faults.KillStoreAsync());
        await context.WaitAsync(settle, "Redis is down; let every backend notice", cancellationToken);
        var state = StoreState(context);
        var whileDown = new List<Exchange>();
        for (var i = 0; i < backends.Count; i++)
        {
            whileDown.Add(await balancer.GetAsync("/profile", cancellationToken, bearer: token));
            rows.Add(new("Redis down", "GET /profile via the load balancer", state, whileDown[^1]));
        }

        var blacklistDuringOutage = await balancer.GetAsync("/profile-with-blacklist", cancellationToken, bearer: token);
        rows.Add(new("Redis down", "GET /profile-with-blacklist via the load balancer", state, blacklistDuringOutage));

        context.Step("start Redis again");
        context.RecordFault(await context.Faults.StartStoreAsync(cancellationToken));

        var issuer = backends.FirstOrDefault(b => b.ServerId == login.ServerId) ?? backends[0];
        context.Step($"kill -9 the backend that issued the token ({issuer.Name}), start it again, call /profile on it and through the load balancer");
        var pidBefore = issuer.ProcessId;
        context.RecordFault(await context.Faults.KillBackendAsync(issuer.Name));
        context.RecordFault(await context.Faults.StartBackendAsync(issuer.Name, cancellationToken));
        var pidAfter = issuer.ProcessId;
        var restartLabel = $"{issuer.Name} restarted (pid {Pid(pidBefore)} → {Pid(pidAfter)})";
        var restarted = await context.Client(issuer.BaseAddress, cookies: false).GetAsync("/profile", cancellationToken, bearer: token);
        rows.Add(new(restartLabel, $"GET /profile directly on {issuer.Name}", StoreState(context), restarted));
        var afterRestart = new List<Exchange> { restarted };
        for (var i = 0; i < backends.Count; i++)
        {
            var reply = await balancer.GetAsync("/profile", cancellationToken, bearer: token);
            afterRestart.Add(reply);
            rows.Add(new(restartLabel, "GET /profile via the load balancer", StoreState(context), reply));
        }

        context.Step("send the token directly to every jwt backend");
        var direct = new List<BackendReply>();
        foreach (var backend in backends)
        {
            var reply = await context.Client(backend.BaseAddress, cookies: false).GetAsync("/profile", cancellationToken, bearer: token);
            direct.Add(new BackendReply(backend.Name, reply));
            rows.Add(new(backend.ServerId == issuer.ServerId ? "the issuing backend" : "a backend that never saw the login", $"GET /profile directly on {backend.Name} ({backend.BaseAddress.Port})", StoreState(context), reply));
        }

        return new StatelessnessFacts(login, whileDown, blacklistDuringOutage, issuer.Name, pidBefore, pidAfter, afterRestart, direct) { Rows = rows };
    }

    protected override void Tabulate(ExperimentContext context, StatelessnessFacts facts)
    {
        context.AddTable(
            "Scenarios",
            ["scenario", "request", "Redis", "status", "user", "server", "depends on a store?"],
            facts.Rows.Select(r => (IReadOnlyList<string>)[r.Scenario, r.Request, r.Redis, r.Reply.Describe(), UserOf(r.Reply), r.Reply.ServerId ?? "(no reply)", DependsOnStore(r)]));
        if (facts.Login.Property("token") is { } token)
        {
            context.AddTable("The token decoded without the key (anyone holding it can read it)", ["part", "field", "value"], DecodedRows(token));
        }
    }

    /// <summary>The verdicts, from the facts alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(StatelessnessFacts facts)
    {
        var outage = facts.ProfileWhileStoreDown;
        var ok = outage.Count(e => e.IsOk);
        var contrast = facts.BlacklistWhileStoreDown is { } b ? $"; /profile-with-blacklist, which reads the blacklist, got {b.Describe()}" : string.Empty;
        yield return outage.Count == 0
            ? H1.Inconclusive("No /profile was sent while Redis was down.")
            : H1.Holds(ok == outage.Count, $"{ok} of {outage.Count} /profile calls answered 200 while Redis was down ({Servers(outage)}){contrast}.");

        var restarted = facts.PidBefore is { } before && facts.PidAfter is { } after && before != after;
        var accepted = facts.AfterRestart.Count(e => e.IsOk);
        yield return !restarted || facts.AfterRestart.Count == 0
            ? H2.Inconclusive($"{facts.RestartedBackend} was not seen to restart (pid {Pid(facts.PidBefore)} → {Pid(facts.PidAfter)}).")
            : H2.Holds(accepted == facts.AfterRestart.Count, $"After kill -9 and restart of {facts.RestartedBackend} (pid {Pid(facts.PidBefore)} → {Pid(facts.PidAfter)}), {accepted} of {facts.AfterRestart.Count} /profile calls with the old token answered 200 ({Describe(facts.AfterRestart)}).");

        var expected = (facts.Login.Property("user_id"), facts.Login.Property("username"));
        var same = facts.Direct.Count(d => d.Reply.IsOk && (d.Reply.Property("user_id"), d.Reply.Property("username")) == expected);
        yield return facts.Direct.Count == 0
            ? H3.Inconclusive("The token was not sent to any backend directly.")
            : H3.Holds(same == facts.Direct.Count, $"{same} of {facts.Direct.Count} backends accepted the token directly as user {expected.Item1} ({expected.Item2}): {string.Join(", ", facts.Direct.Select(d => $"{d.Backend} {d.Reply.Describe()} {UserOf(d.Reply)}"))}.");
    }

    private static List<IReadOnlyList<string>> DecodedRows(string token)
    {
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "size", "token", $"{Encoding.UTF8.GetByteCount(token)} bytes" },
            new[] { "size", "Authorization header value", $"{Encoding.UTF8.GetByteCount("Bearer " + token)} bytes" },
        };
        foreach (var (part, json) in new[] { ("header", UnverifiedJwt.Header(token)), ("payload", UnverifiedJwt.Payload(token)) })
        {
            if (json is null)
            {
                rows.Add([part, "(not decodable)", token.Split('.').Length.ToString(CultureInfo.InvariantCulture) + " parts"]);
                continue;
            }

            foreach (var (name, value) in json)
            {
                rows.Add([part, name, Show(name, value)]);
            }
        }

        var signature = token.Split('.') is { Length: 3 } parts ? parts[2] : string.Empty;
        rows.Add(["signature", "HMAC-SHA256 (base64url)", $"{signature.Length} characters: only a holder of the key can produce it"]);
        return rows;
    }

    private static string Show(string name, JsonNode? value)
    {
        var text = value?.ToJsonString() ?? "null";
        return name is "exp" or "iat" or "nbf" && value is JsonValue v && v.TryGetValue<long>(out var seconds)
            ? $"{text} ({DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC)"
            : text;
    }

    /// <summary>From the reply itself: <c>revocation_check</c> says whether the backend read Redis for this request.</summary>
    private static string DependsOnStore(StatelessnessRow row) => (row.Reply.IsOk, row.Reply.Property("revocation_check"), row.Redis) switch
    {
        (true, "off", "down") => "no: 200 with Redis down",
        (true, "off", _) => "no: Redis not read (revocation_check off)",
        (true, { } check, _) => $"yes: the blacklist was consulted (revocation_check {check})",
        (false, _, "down") => $"yes: {row.Reply.Describe()} with Redis down",
        _ => $"unclear: {row.Reply.Describe()}",
    };

    private static string StoreState(ExperimentContext context) => context.Topology.Store.IsRunning ? "up" : "down";

    private static string UserOf(Exchange e) => e.Property("user_id") is { } id ? $"{id} ({e.Property("username")})" : e.IsOk ? "(no user_id)" : "(refused)";

    private static string Servers(IEnumerable<Exchange> replies) => string.Join(", ", replies.Select(r => r.ServerId ?? "no reply").Distinct().Order(StringComparer.Ordinal));

    private static string Describe(IEnumerable<Exchange> replies) =>
        string.Join(", ", replies.GroupBy(r => r.Describe()).Select(g => $"{g.Key} ×{g.Count().ToString(CultureInfo.InvariantCulture)}"));

    private static string Pid(int? pid) => pid?.ToString(CultureInfo.InvariantCulture) ?? "none";
}

/// <summary>What 3.1 observed, reduced to what its verdicts need.</summary>
internal sealed record StatelessnessFacts(
    Exchange Login,
    IReadOnlyList<Exchange> ProfileWhileStoreDown,
    Exchange? BlacklistWhileStoreDown,
    string RestartedBackend,
    int? PidBefore,
    int? PidAfter,
    IReadOnlyList<Exchange> AfterRestart,
    IReadOnlyList<BackendReply> Direct)
{
    /// <summary>Every request of the run, in order, as the table shows them.</summary>
    public IReadOnlyList<StatelessnessRow> Rows { get; init; } = [];
}


/// <summary>A reply from one named backend, reached directly.</summary>
internal sealed record BackendReply(string Backend, Exchange Reply);

/// <summary>One row of 3.1's table, as run.</summary>
internal sealed record StatelessnessRow(string Scenario, string Request, string Redis, Exchange Reply);
