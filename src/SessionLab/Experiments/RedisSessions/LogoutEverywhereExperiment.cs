using System.Globalization;
using System.Text.Json;
using SessionLab.Backend.Common;
using SessionLab.Backend.Redis;
using SessionLab.Backend.Sessions;
using SessionLab.Experiments.Framework;
using SessionLab.Reporting.Model;
using SessionLab.Topology.Clients;

namespace SessionLab.Experiments.RedisSessions;

/// <summary>
/// 2.4 — does "log out everywhere" end every device of a user at once, does the per-user index stay free of expired
/// ids without keyspace notifications, and what can the sticky scheme's /logout-all reach?
/// </summary>
internal sealed class LogoutEverywhereExperiment : Experiment<LogoutEverywhereExperiment, LogoutEverywhereFacts>, IJudge<LogoutEverywhereFacts>
{
    private const int Devices = 3;

    private static readonly Hypothesis H1 = new("H1", "Redis scheme: POST /logout-all from one of a user's three devices ends all three at once: each device's next request gets 401 on whichever backend serves it, and no session key is left in Redis.");

    private static readonly Hypothesis H2 = new("H2", "The per-user index never serves a stale id: after two sessions expired idle, GET /sessions lists only the live one, and after that read the index holds only it.");

    private static readonly Hypothesis H3 = new("H3", "Sticky scheme: /logout-all ends only the sessions of the backend that got it; the user's devices on the other backends stay logged in.");

    public override ExperimentInfo Info { get; } = new(
        "2.4",
        2,
        "Log out everywhere",
        "Does POST /logout-all end every device of a user at once, does the per-user index stay free of expired ids, and what does it reach with sticky sessions?",
        [H1, H2, H3]);

    protected override async Task<LogoutEverywhereFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var staleTtl = context.Parameter("stale_case_session_ttl", context.Settings.Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(4));
        context.Parameter("devices", Devices);

        context.Step($"redis: {Devices} devices of one user log in through the round-robin load balancer, each from its own address");
        var redisDevices = new List<(LabClient Client, Exchange Login)>();
        for (var i = 0; i < Devices; i++)
        {
            var client = context.Client(SchemeKind.Redis, SourceAddressClientFactory.Address(40 + i, sameSubnet: false));
            redisDevices.Add((client, await client.LoginAsync("everywhere-redis", cancellationToken)));
        }

        context.Step("redis: device 1 lists the user's sessions (GET /sessions)");
        var listed = ListedCount(await redisDevices[0].Client.GetAsync("/sessions", cancellationToken));

        context.Step($"redis: device {Devices} calls POST /logout-all; then every device calls GET /profile and the lab reads the keys");
        var redis = await LogOutEverywhereAsync(context, "redis", redisDevices, Devices - 1, listed, readKeys: true, cancellationToken);

        var stale = await StaleIndexAsync(context, staleTtl, cancellationToken);

        context.Step($"sticky: {Devices} devices of one user, each from its own /24, chosen so each lands on another backend (by GET /health), log in");
        var stickyDevices = new List<(LabClient Client, Exchange Login)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 24 && stickyDevices.Count < Devices; i++)
        {
            var client = context.Client(SchemeKind.Sticky, SourceAddressClientFactory.Address(60 + i, sameSubnet: false));
            if ((await client.GetAsync("/health", cancellationToken)).ServerId is { } server && seen.Add(server))
            {
                stickyDevices.Add((client, await client.LoginAsync("everywhere-sticky", cancellationToken)));
            }
        }

        context.Step("sticky: device 1 calls POST /logout-all; then every device calls GET /profile");
        var sticky = await LogOutEverywhereAsync(context, "sticky", stickyDevices, 0, null, readKeys: false, cancellationToken);
        return new LogoutEverywhereFacts(redis, stale, sticky);
    }

    private static async Task<DevicesOutcome> LogOutEverywhereAsync(ExperimentContext context, string scheme, List<(LabClient Client, Exchange Login)> devices, int caller, int? listed, bool readKeys, CancellationToken cancellationToken)
    {
        if (devices.Count == 0)
        {
            return new DevicesOutcome(scheme, [], listed, 0, null, null, caller, null);
        }

        var reply = await devices[caller].Client.PostJsonAsync("/logout-all", null, cancellationToken);
        var outcomes = new List<DeviceOutcome>();
        for (var i = 0; i < devices.Count; i++)
        {
            var (client, login) = devices[i];
            var after = await client.GetAsync("/profile", cancellationToken);
            bool? keyLeft = readKeys && login.SessionIdSet is { } id ? await context.Redis.ExistsAsync(RedisSessionStore.KeyOf(id).ToString()) : null;
            outcomes.Add(new DeviceOutcome($"device {i + 1}", client.Source.ToString(), login.Status, login.ServerId, Prefix(login.SessionIdSet), after.Status, after.Describe(), after.ServerId, keyLeft));
        }

        bool? indexLeft = readKeys && devices[caller].Login.Property("user_id") is { } user
            ? await context.Redis.ExistsAsync(UserIndex.Sessions.KeyOf(int.Parse(user, CultureInfo.InvariantCulture)).ToString())
            : null;
        return new DevicesOutcome(
            scheme,
            outcomes,
            listed,
            reply.Status,
            reply.Property("sessions_ended") is { } ended && int.TryParse(ended, CultureInfo.InvariantCulture, out var n) ? n : null,
            reply.Property("scope"),
            caller,
            indexLeft);
    }

    private static async Task<StaleIndexFacts> StaleIndexAsync(ExperimentContext context, TimeSpan ttl, CancellationToken cancellationToken)
    {
        context.Step($"stale index: start an extra redis backend with a {Format.CompactSeconds(ttl)} s session TTL; two devices log in on it");
        await using var backend = await context.Topology.StartExtraBackendAsync(SchemeKind.Redis, 1, "redis-short-ttl", l => l with { SessionTtl = ttl }, cancellationToken);
        const string User = "everywhere-stale";
        var expired = new List<string>();
        string? index = null;
        for (var i = 0; i < 2; i++)
        {
            var login = await context.Client(backend.BaseAddress).LoginAsync(User, cancellationToken);
            if (login.SessionIdSet is { } id)
            {
                expired.Add(id);
            }

            index ??= login.Property("user_id") is { } user ? UserIndex.Sessions.KeyOf(int.Parse(user, CultureInfo.InvariantCulture)).ToString() : null;
        }

        if (index is null || expired.Count < 2)
        {
            return new StaleIndexFacts(ttl, [.. expired.Select(Prefix).OfType<string>()], null, null, null, [], null, null);
        }

        var before = await context.Redis.SortedSetMembersAsync(index);
        await context.WaitAsync(ttl + TimeSpan.FromSeconds(1), "both sessions idle past their TTL", cancellationToken);
        var afterExpiry = await context.Redis.SortedSetMembersAsync(index);

        context.Step("stale index: a third device logs in and lists the user's sessions (GET /sessions); the lab reads the index again");
        var fresh = context.Client(backend.BaseAddress);
        var freshLogin = await fresh.LoginAsync(User, cancellationToken);
        var sessions = await fresh.GetAsync("/sessions", cancellationToken);
        var afterRead = await context.Redis.SortedSetMembersAsync(index);
        return new StaleIndexFacts(
            ttl,
            [.. expired.Select(Prefix).OfType<string>()],
            before?.Count,
            afterExpiry?.Count,
            Prefix(freshLogin.SessionIdSet),
            sessions.IsOk ? Prefixes(sessions) : [],
            sessions.IsOk ? ListedCount(sessions) : null,
            afterRead?.Select(m => Prefix(m)!).ToList());
    }

    protected override void Tabulate(ExperimentContext context, LogoutEverywhereFacts facts)
    {
        DevicesOutcome[] schemes = [facts.Redis, facts.Sticky];
        context.AddTable(
            "One user on three devices: POST /logout-all from one of them",
            ["scheme", "device", "address", "logged in on", "session", "GET /profile after /logout-all", "served by", "session key in Redis"],
            schemes.SelectMany(s => s.Devices.Select((d, i) => (IReadOnlyList<string>)[
                s.Scheme,
                i == s.Caller ? $"{d.Device} (called /logout-all)" : d.Device,
                d.Source,
                d.LoginStatus == 200 ? d.LoginServer ?? "?" : $"login failed ({d.LoginStatus.ToString(CultureInfo.InvariantCulture)})",
                d.SessionPrefix is { } p ? p + "…" : "-",
                d.AfterReply,
                d.AfterServer ?? "no answer",
                d.KeyLeft switch { true => "still there", false => "gone", null => "not read" },
            ])));
        context.AddTable(
            "The /logout-all replies",
            ["scheme", "GET /sessions before (listed)", "/logout-all status", "sessions_ended", "scope", "user index in Redis after"],
            schemes.Select(s => (IReadOnlyList<string>)[
                s.Scheme,
                s.Listed?.ToString(CultureInfo.InvariantCulture) ?? "-",
                s.LogoutAllStatus.ToString(CultureInfo.InvariantCulture),
                s.Ended?.ToString(CultureInfo.InvariantCulture) ?? "-",
                s.Scope ?? "-",
                s.IndexLeft switch { true => "still there", false => "gone", null => "-" },
            ]));

        var stale = facts.Stale;
        context.AddTable(
            $"The per-user index after two sessions expired idle (TTL {Format.CompactSeconds(stale.Ttl)} s)",
            ["measure", "value"],
            [
                ["expired sessions", stale.Expired.Count == 0 ? "none (login failed)" : string.Join(", ", stale.Expired.Select(p => p + "…"))],
                ["index members after the logins", Count(stale.MembersBefore)],
                ["index members after both expired, before any read", Count(stale.MembersAfterExpiry)],
                ["fresh session", stale.Fresh is { } f ? f + "…" : "-"],
                ["GET /sessions lists", stale.Listed is { } n ? $"{n.ToString(CultureInfo.InvariantCulture)}: {string.Join(", ", stale.ListedPrefixes.Select(p => p + "…"))}" : "no answer"],
                ["index members after that read", stale.MembersAfterRead is { } m ? $"{m.Count.ToString(CultureInfo.InvariantCulture)}{(m.Count > 0 ? ": " + string.Join(", ", m.Select(p => p + "…")) : string.Empty)}" : "not read"],
            ]);

        if (facts.Sticky.Devices.Count < 2)
        {
            context.Anomaly($"Only {facts.Sticky.Devices.Count} sticky backend(s) were reached from 24 distinct /24s, so the sticky limitation could not be shown across backends.");
        }
    }

    /// <summary>The verdicts, from the facts alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(LogoutEverywhereFacts facts)
    {
        var redis = facts.Redis;
        if (redis.Devices.Count == 0 || redis.Devices.Any(d => d.LoginStatus != 200) || redis.LogoutAllStatus != 200)
        {
            yield return H1.Inconclusive($"The devices could not log in or /logout-all failed ({Logins(redis)}; /logout-all {redis.LogoutAllStatus.ToString(CultureInfo.InvariantCulture)}).");
        }
        else
        {
            var refused = redis.Devices.Count(d => d.AfterStatus == 401);
            var kept = redis.Devices.Count(d => d.AfterStatus == 200);
            var keysLeft = redis.Devices.Count(d => d.KeyLeft == true);
            var verdict = kept > 0 || keysLeft > 0 ? Verdict.Refuted : refused == redis.Devices.Count && redis.Ended == redis.Devices.Count ? Verdict.Confirmed : Verdict.Inconclusive;
            yield return H1.With(verdict, $"/logout-all from {Caller(redis)} ended {redis.Ended?.ToString(CultureInfo.InvariantCulture) ?? "?"} session(s) ({redis.Scope ?? "no scope"}); afterwards {refused} of {redis.Devices.Count} devices got 401 ({Afters(redis)}), {keysLeft} session key(s) were left in Redis{(redis.IndexLeft == false ? " and the user index was gone" : redis.IndexLeft == true ? " and the user index was still there" : string.Empty)}.");
        }

        var stale = facts.Stale;
        if (stale.Listed is null || stale.MembersAfterRead is null || stale.Fresh is null || stale.Expired.Count == 0)
        {
            yield return H2.Inconclusive("The stale-index case could not be observed: a login, GET /sessions or the index read failed.");
        }
        else
        {
            var listedStale = stale.ListedPrefixes.Count(stale.Expired.Contains);
            var keptStale = stale.MembersAfterRead.Count(stale.Expired.Contains);
            var onlyFresh = stale.Listed == 1 && stale.ListedPrefixes.SequenceEqual([stale.Fresh]) && stale.MembersAfterRead.SequenceEqual([stale.Fresh]);
            yield return H2.With(
                listedStale > 0 || keptStale > 0 ? Verdict.Refuted : onlyFresh ? Verdict.Confirmed : Verdict.Inconclusive,
                $"After {stale.Expired.Count} sessions expired idle (TTL {Format.CompactSeconds(stale.Ttl)} s) the index still held {Count(stale.MembersAfterExpiry)} member(s) before any read; GET /sessions listed {stale.Listed.Value.ToString(CultureInfo.InvariantCulture)} ({listedStale} expired), and afterwards the index held {stale.MembersAfterRead.Count.ToString(CultureInfo.InvariantCulture)} ({keptStale} expired).");
        }

        var sticky = facts.Sticky;
        var backends = sticky.Devices.Where(d => d.LoginStatus == 200).Select(d => d.LoginServer).Distinct().Count();
        if (sticky.Devices.Count < 2 || backends < 2 || sticky.LogoutAllStatus != 200)
        {
            yield return H3.Inconclusive($"The user's devices were not logged in on two or more sticky backends, or /logout-all failed ({Logins(sticky)}; /logout-all {sticky.LogoutAllStatus.ToString(CultureInfo.InvariantCulture)}).");
        }
        else
        {
            var caller = sticky.Devices[sticky.Caller];
            var others = sticky.Devices.Where((_, i) => i != sticky.Caller).ToList();
            var othersKept = others.Count(d => d.AfterStatus == 200 && d.AfterServer == d.LoginServer);
            var othersRefused = others.Count(d => d.AfterStatus == 401);
            var verdict = caller.AfterStatus == 401 && othersKept == others.Count && sticky.Scope == SessionScopes.ThisBackend
                ? Verdict.Confirmed
                : othersRefused > 0 ? Verdict.Refuted : Verdict.Inconclusive;
            yield return H3.With(verdict, $"/logout-all on {caller.LoginServer} ended {sticky.Ended?.ToString(CultureInfo.InvariantCulture) ?? "?"} session(s), scope \"{sticky.Scope ?? "none"}\"; the caller then got {caller.AfterReply}, and {othersKept} of {others.Count} devices on other backends kept their session ({string.Join(", ", others.Select(d => $"{d.LoginServer}: {d.AfterReply}"))}).");
        }
    }

    private static string Logins(DevicesOutcome outcome) =>
        outcome.Devices.Count == 0 ? "no device" : string.Join(", ", outcome.Devices.Select(d => $"login {d.LoginStatus.ToString(CultureInfo.InvariantCulture)} on {d.LoginServer ?? "?"}"));

    private static string Afters(DevicesOutcome outcome) => string.Join(", ", outcome.Devices.Select(d => $"{d.AfterReply} from {d.AfterServer ?? "no backend"}"));

    private static string Caller(DevicesOutcome outcome) => outcome.Devices[outcome.Caller].Device;

    private static string Count(int? members) => members?.ToString(CultureInfo.InvariantCulture) ?? "not read";

    private static string? Prefix(string? id) => id is null ? null : id.Length > 8 ? id[..8] : id;

    private static int? ListedCount(Exchange sessions) =>
        sessions.IsOk && sessions.Property("session_count") is { } n && int.TryParse(n, CultureInfo.InvariantCulture, out var count) ? count : null;

    private static List<string> Prefixes(Exchange sessions) =>
        sessions.Json is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty("sessions", out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Select(s => s.TryGetProperty("id_prefix", out var p) ? p.GetString() : null).OfType<string>()]
            : [];
}

/// <summary>What 2.4 observed: the redis scheme's devices around /logout-all, the stale-index case, and the sticky scheme's devices.</summary>
internal sealed record LogoutEverywhereFacts(DevicesOutcome Redis, StaleIndexFacts Stale, DevicesOutcome Sticky);

/// <summary>
/// One scheme's devices of one user around a <c>/logout-all</c> from device <c>Caller</c> (0-based): <c>Listed</c> is
/// what <c>GET /sessions</c> counted before it (redis), <c>Ended</c> the reply's <c>sessions_ended</c>, <c>IndexLeft</c>
/// whether the user index key still existed afterwards (redis; null when not read).
/// </summary>
internal sealed record DevicesOutcome(string Scheme, IReadOnlyList<DeviceOutcome> Devices, int? Listed, int LogoutAllStatus, int? Ended, string? Scope, int Caller, bool? IndexLeft);

/// <summary>
/// One device: where it logged in and what its <c>GET /profile</c> after the <c>/logout-all</c> got; <c>KeyLeft</c>:
/// whether its <c>session:{id}</c> key still existed afterwards (redis; null when not read).
/// </summary>
internal sealed record DeviceOutcome(string Device, string Source, int LoginStatus, string? LoginServer, string? SessionPrefix, int AfterStatus, string AfterReply, string? AfterServer, bool? KeyLeft);

/// <summary>
/// The per-user index around idle expiry, by 8-character id prefixes: the two sessions left to expire idle, the index
/// members right after their logins and once both expired before any read (the index is pruned on reads, not by
/// notifications), the third device's live session, what its <c>GET /sessions</c> listed (null count when it failed),
/// and the index members after that read (null when not read).
/// </summary>
internal sealed record StaleIndexFacts(
    TimeSpan Ttl,
    IReadOnlyList<string> Expired,
    int? MembersBefore,
    int? MembersAfterExpiry,
    string? Fresh,
    IReadOnlyList<string> ListedPrefixes,
    int? Listed,
    IReadOnlyList<string>? MembersAfterRead);
