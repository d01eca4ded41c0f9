using System.Globalization;
using System.Net;
using System.Text.Json;
using SessionLab.Backend.Common;
using SessionLab.Experiments.Framework;
using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.Sticky;

/// <summary>1.2 — is each sticky backend's session store private?</summary>
internal sealed class SessionIsolationExperiment : Experiment<SessionIsolationExperiment, IsolationFacts>, IJudge<IsolationFacts>
{
    private const string Username = "alice";

    private static readonly Hypothesis H1 = new("H1", "Only the backend that created the session accepts it (200).");

    private static readonly Hypothesis H2 = new("H2", "The other backends answer 401 \"session not found\" to the same cookie.");

    private static readonly Hypothesis H3 = new("H3", "Each backend's /debug/sessions lists only its own sessions: the session appears on exactly one backend, its creator.");

    public override ExperimentInfo Info { get; } = new(
        "1.2",
        1,
        "Session isolation",
        "Is each backend's session store private?",
        [H1, H2, H3]);

    protected override async Task<IsolationFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var source = context.Parameter("client_address", IPAddress.Parse("127.12.1.1"));

        context.Step($"{Username} logs in via the sticky load balancer (from {source})");
        var client = context.Client(SchemeKind.Sticky, source);
        var login = await client.LoginAsync(Username, cancellationToken);

        context.Step("GET /profile via the load balancer with the session cookie");
        var profile = await client.GetAsync("/profile", cancellationToken);

        var backends = context.Topology.BackendsOf(SchemeKind.Sticky).ToList();
        context.Step($"the same cookie sent directly to every sticky backend ({string.Join(", ", backends.Select(b => b.Port))})");
        var direct = new List<Exchange>();
        foreach (var backend in backends)
        {
            var raw = context.Client(backend.BaseAddress, source, cookies: false);
            raw.SetHeader("Cookie", login.SessionIdSet is { } id ? $"session_id={id}" : null);
            direct.Add(await raw.GetAsync("/profile", cancellationToken));
        }

        context.Step("GET /debug/sessions on every sticky backend");
        var probes = new List<BackendIsolation>();
        for (var i = 0; i < backends.Count; i++)
        {
            var debug = await context.Client(backends[i].BaseAddress, source, cookies: false).GetAsync("/debug/sessions", cancellationToken);
            var listing = SessionListing.Read(debug, login.SessionIdSet);
            probes.Add(new BackendIsolation(backends[i].ServerId, backends[i].Port, direct[i].Status, direct[i].Describe(), direct[i].Error, direct[i].Property("username"), listing.Present, listing.Count));
        }

        return new IsolationFacts(Username, login.SessionIdSet, login.ServerId, profile.Status, profile.ServerId, probes) { ViaBalancer = [("POST /login", login), ("GET /profile", profile)] };
    }

    protected override void Tabulate(ExperimentContext context, IsolationFacts facts)
    {
        context.AddTable(
            "Login and profile via the sticky load balancer",
            ["request", "port", "status", "answered by", "user"],
            facts.ViaBalancer.Select(r => (IReadOnlyList<string>)[
                r.Request,
                context.Topology.BalancerPort(SchemeKind.Sticky).ToString(CultureInfo.InvariantCulture),
                r.Reply.Describe(),
                r.Reply.ServerId ?? "no answer",
                r.Reply.Property("username") ?? "none"]));
        context.AddTable(
            "The session cookie sent directly to each sticky backend (present: listed by its own /debug/sessions)",
            ["backend", "port", "GET /profile", "session present", "user", "sessions held"],
            facts.Backends.Select(p => (IReadOnlyList<string>)[
                p.ServerId == facts.Creator ? $"{p.ServerId} (created it)" : p.ServerId,
                p.Port.ToString(CultureInfo.InvariantCulture),
                p.Reply,
                p.SessionListed switch { true => "yes", false => "no", null => "unreadable" },
                p.User ?? "none",
                p.SessionCount?.ToString(CultureInfo.InvariantCulture) ?? "unreadable"]));

        if (facts.ProfileStatus == 200 && facts.ProfileServer != facts.Creator)
        {
            context.Anomaly($"The login was answered by {facts.Creator} but /profile via the load balancer by {facts.ProfileServer}: ip_hash did not keep the client on one backend.");
        }
    }

    /// <summary>The verdicts, from the facts alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(IsolationFacts facts)
    {
        if (facts.SessionId is null || facts.Creator is null)
        {
            const string NoSession = "The login via the load balancer gave no session cookie, so there was no session to look for.";
            yield return H1.Inconclusive(NoSession);
            yield return H2.Inconclusive(NoSession);
            yield return H3.Inconclusive(NoSession);
            yield break;
        }

        var accepted = facts.Backends.Where(b => b.Status == 200).Select(b => b.ServerId).ToList();
        var creatorAccepted = accepted.Contains(facts.Creator);
        yield return H1.Holds(accepted.Count == 1 && creatorAccepted, $"{facts.Creator} created the session; direct /profile answered {Replies(facts.Backends)}: {accepted.Count} of {facts.Backends.Count} backends accepted the cookie{(creatorAccepted ? string.Empty : ", not even its creator")}.");

        var others = facts.Backends.Where(b => b.ServerId != facts.Creator).ToList();
        var notFound = others.Count(b => b.Status == 401 && b.Error == ErrorMessages.SessionNotFound);
        var unanswered = others.Count(b => b.Status == 0);
        var h2Verdict = others.Count > 0 && notFound == others.Count ? Verdict.Confirmed
            : others.Any(b => b.Status != 0 && !(b.Status == 401 && b.Error == ErrorMessages.SessionNotFound)) ? Verdict.Refuted
            : Verdict.Inconclusive;
        yield return H2.With(h2Verdict,
            $"{notFound} of {others.Count} other backends answered 401 \"{ErrorMessages.SessionNotFound}\" ({Replies(others)}){(unanswered > 0 ? $"; {unanswered} gave no answer" : string.Empty)}.");

        var listed = facts.Backends.Where(b => b.SessionListed == true).Select(b => b.ServerId).ToList();
        var counts = string.Join(", ", facts.Backends.Select(b => $"{b.ServerId} {b.SessionCount?.ToString(CultureInfo.InvariantCulture) ?? "?"}"));
        var h3Verdict = facts.Backends.Any(b => b.SessionListed is null) ? Verdict.Inconclusive
            : listed.Count == 1 && listed[0] == facts.Creator ? Verdict.Confirmed
            : Verdict.Refuted;
        yield return H3.With(h3Verdict,
            $"The session id is listed by {(listed.Count == 0 ? "no backend" : string.Join(", ", listed))} ({listed.Count} of {facts.Backends.Count}); sessions held per backend: {counts}{(facts.Backends.Any(b => b.SessionListed is null) ? "; some listings could not be read or were truncated" : string.Empty)}.");
    }

    private static string Replies(IEnumerable<BackendIsolation> backends) => string.Join(", ", backends.Select(b => $"{b.ServerId} {b.Reply}"));

    /// <summary>Whether a backend's <c>/debug/sessions</c> lists the session id (null: unreadable, or truncated without it).</summary>
    private sealed record SessionListing(bool? Present, long? Count)
    {
        public static SessionListing Read(Exchange debug, string? sessionId)
        {
            if (!debug.IsOk || debug.Json is not { ValueKind: JsonValueKind.Object } json)
            {
                return new(null, null);
            }

            long? count = json.TryGetProperty("session_count", out var c) && c.TryGetInt64(out var n) ? n : null;
            if (sessionId is null || !json.TryGetProperty("session_ids", out var ids) || ids.ValueKind != JsonValueKind.Array)
            {
                return new(null, count);
            }

            var present = ids.EnumerateArray().Any(id => id.ValueKind == JsonValueKind.String && id.GetString() == sessionId);
            var truncated = json.TryGetProperty("truncated", out var t) && t.ValueKind == JsonValueKind.True;
            return new(present ? true : truncated ? null : false, count);
        }
    }
}

/// <summary>What 1.2 observed: the login, the profile via the load balancer, and each backend's answer to the cookie.</summary>
internal sealed record IsolationFacts(string Username, string? SessionId, string? Creator, int ProfileStatus, string? ProfileServer, IReadOnlyList<BackendIsolation> Backends)
{
    /// <summary>The login and the /profile via the load balancer, as the table shows them.</summary>
    public IReadOnlyList<(string Request, Exchange Reply)> ViaBalancer { get; init; } = [];
}

/// <summary>One sticky backend: its reply to the session cookie sent directly, and whether its own store lists the session.</summary>
internal sealed record BackendIsolation(string ServerId, int Port, int Status, string Reply, string? Error, string? User, bool? SessionListed, long? SessionCount);
