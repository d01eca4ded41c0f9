using System.Diagnostics;
using System.Globalization;
using SessionLab.Backend.Common;
using SessionLab.Backend.Redis;
using SessionLab.Experiments.Framework;
using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.RedisSessions;

/// <summary>2.3 — what do Redis sessions do while Redis is down, and after it comes back empty?</summary>
internal sealed class RedisOutageExperiment : Experiment<RedisOutageExperiment, RedisOutageFacts>, IJudge<RedisOutageFacts>
{
    private static readonly Hypothesis H1 = new("H1", "While Redis is down, requests that need the session fail (the plan: 500 or 401), fast and with a clear error.");

    private static readonly Hypothesis H2 = new("H2", "Sessions created before the outage do not survive a restart of a Redis without persistence.");

    private static readonly Hypothesis H3 = new("H3", "New logins work again once Redis is back.");

    public override ExperimentInfo Info { get; } = new(
        "2.3",
        2,
        "Redis outage",
        "What happens to Redis sessions while Redis is down, and after it restarts?",
        [H1, H2, H3]);

    protected override async Task<RedisOutageFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var userCount = context.Parameter("users", 5);
        var settle = context.Parameter("wait_after_stop", context.Settings.Wait(TimeSpan.FromSeconds(1)));
        var clientTimeout = context.Parameter("client_timeout", TimeSpan.FromSeconds(2));
        var reconnectLimit = context.Parameter("reconnect_limit", TimeSpan.FromSeconds(10));
        var pollInterval = context.Parameter("reconnect_poll_interval", TimeSpan.FromMilliseconds(200));
        var backendCount = context.Topology.BackendsOf(SchemeKind.Redis).Count();

        context.Step($"{userCount} users log in via the redis load balancer (each its own client) and read /profile; their keys are read in Redis");
        var users = new List<(string Name, LabClient Client, Exchange Login, Exchange Normal, bool? KeyBefore)>();
        for (var i = 1; i <= userCount; i++)
        {
            var name = $"user{i.ToString(CultureInfo.InvariantCulture)}";
            var client = context.Client(SchemeKind.Redis, timeout: clientTimeout);
            var login = await client.LoginAsync(name, cancellationToken);
            var normal = await client.GetAsync("/profile", cancellationToken);
            var key = login.SessionIdSet is { } id ? await context.Redis.ExistsAsync(RedisSessionStore.KeyOf(id).ToString()) : null;
            users.Add((name, client, login, normal, key));
        }

        context.Step("kill -9 Redis (no persistence: everything in it is lost)");
        var down = Stopwatch.StartNew();
        context.RecordFault(await context.Faults.KillStoreAsync());
        await context.WaitAsync(settle, "Redis is down; the plan waits 1 s before the users call /profile", cancellationToken);

        context.Step($"each user calls /profile with a {clientTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s client timeout; a new user tries to log in");
        var duringOutage = new List<Exchange>();
        foreach (var user in users)
        {
            duringOutage.Add(await user.Client.GetAsync("/profile", cancellationToken));
        }

        var loginDuringOutage = await context.Client(SchemeKind.Redis, timeout: clientTimeout).LoginAsync("newcomer-outage", cancellationToken);

        context.Step($"start Redis again (empty) and poll a fresh login until every backend has reconnected (at most {reconnectLimit.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s)");
        context.RecordFault(await context.Faults.StartStoreAsync(cancellationToken));
        var downFor = down.Elapsed;
        var recovery = await AwaitReconnectionAsync(context, backendCount, clientTimeout, reconnectLimit, pollInterval, cancellationToken);

        context.Step("the old users call /profile with their old cookies; their session keys are read in Redis");
        var afterRestart = new List<(Exchange Profile, bool? KeyAfter)>();
        foreach (var user in users)
        {
            var profile = await user.Client.GetAsync("/profile", cancellationToken);
            var key = user.Login.SessionIdSet is { } id ? await ExistsOnceReadableAsync(context, RedisSessionStore.KeyOf(id).ToString(), reconnectLimit, pollInterval, cancellationToken) : null;
            afterRestart.Add((profile, key));
        }

        context.Step("a new user logs in and reads /profile");
        var newcomer = context.Client(SchemeKind.Redis, timeout: clientTimeout);
        var newLogin = await newcomer.LoginAsync("newcomer-after", cancellationToken);
        var newProfile = await newcomer.GetAsync("/profile", cancellationToken);

        return new RedisOutageFacts(
            [.. users.Select((u, i) => new OutageUser(u.Name, u.Login, u.Normal, duringOutage[i], afterRestart[i].Profile, u.KeyBefore, afterRestart[i].KeyAfter))],
            loginDuringOutage,
            recovery,
            newLogin,
            newProfile,
            clientTimeout)
        {
            DownFor = downFor,
            ReconnectLimit = reconnectLimit,
        };
    }

    protected override void Tabulate(ExperimentContext context, RedisOutageFacts facts)
    {
        AddTables(context, facts);
        var outageStatuses = facts.OutageRequests.Where(e => e.Status != 0).Select(e => e.Status).Distinct().ToList();
        if (outageStatuses.Count > 0 && outageStatuses.Any(s => s is not (500 or 401)))
        {
            context.Anomaly($"The plan expected 500 or 401 while Redis is down; the backends answered {Distribution(facts.OutageRequests)} within {Max(facts.OutageRequests)} ms: "
                + "a deliberate 503 (the session is not known to be invalid, the store is unreachable), so a client can tell an outage from a lost session.");
        }

        if (facts.Recovery.FirstSuccess is { } first && facts.Recovery.AllBackends is null)
        {
            context.Anomaly($"A login succeeded {Format.Seconds(first)} s after Redis returned, but not every backend accepted one within {Format.Seconds(facts.ReconnectLimit)} s ({facts.Recovery.Attempts} attempts).");
        }
    }

    /// <summary>The verdicts, from the facts alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(RedisOutageFacts facts)
    {
        var outage = facts.OutageRequests;
        var succeeded = outage.Count(e => e.IsOk);
        var unanswered = outage.Count(e => e.Status == 0);
        var unclear = outage.Count(e => e.Status != 0 && !e.IsOk && e.Error is null);
        yield return outage.Count == 0
            ? H1.Inconclusive("No request was sent while Redis was down.")
            : succeeded > 0
                ? H1.Refuted($"{succeeded} of {outage.Count} requests succeeded although Redis was down ({Distribution(outage)}).")
                : unanswered > 0
                    ? H1.Refuted($"{unanswered} of {outage.Count} requests got no reply within the {Format.Seconds(facts.ClientTimeout)} s client timeout: the backends hang instead of failing ({Distribution(outage)}).")
                    : unclear > 0
                        ? H1.Refuted($"{unclear} of {outage.Count} failing replies carried no error message ({Distribution(outage)}).")
                        : H1.Confirmed($"All {outage.Count} requests during the outage failed with {Distribution(outage)}, the slowest after {Max(outage)} ms (client timeout {Format.Seconds(facts.ClientTimeout)} s); the plan expected 500 or 401.");

        var back = facts.Users.Select(u => u.AfterRestart).ToList();
        var survived = back.Count(e => e.IsOk);
        var lost = back.Count(e => e.Status == 401);
        var keysLeft = facts.Users.Count(u => u.KeyAfterRestart == true);
        var keysUnread = facts.Users.Count(u => u.KeyAfterRestart is null);
        var keys = $"{keysLeft} of {back.Count} session keys were left in Redis" + (keysUnread > 0 ? $" ({keysUnread} could not be read)" : string.Empty);
        yield return back.Count == 0
            ? H2.Inconclusive("No session existed before the outage.")
            : survived > 0
                ? H2.Refuted($"{survived} of {back.Count} old sessions still answered 200 after Redis restarted ({keys}).")
                : lost == back.Count
                    ? H2.Confirmed($"All {back.Count} old cookies got {Distribution(back)} after the restart; {keys}.")
                    : H2.Inconclusive($"After the restart the old sessions got {Distribution(back)}: not every backend answered from the restarted Redis ({keys}).");

        var recovery = facts.Recovery;
        var recovered = recovery.FirstSuccess is { } first
            ? $"the first login succeeded {Format.Seconds(first)} s after Redis answered PING (attempt {recovery.FirstSuccessAttempt})" + (recovery.AllBackends is { } all ? $", every backend accepted one after {Format.Seconds(all)} s" : ", not every backend accepted one")
            : $"no login succeeded within {Format.Seconds(recovery.Limit)} s of Redis answering PING ({recovery.Attempts} attempts, last {recovery.LastFailure ?? "none"})";
        yield return facts.NewLogin.IsOk && facts.NewProfile.IsOk
            ? H3.Confirmed($"A new login after the restart got {facts.NewLogin.Describe()} and its /profile {facts.NewProfile.Describe()}; {recovered}.")
            : H3.Refuted($"A new login after the restart got {facts.NewLogin.Describe()} and its /profile {facts.NewProfile.Describe()}; {recovered}.");
    }

    /// <summary>
    /// EXISTS, retried while the lab's own Redis connection is still reconnecting (it heals on its own schedule, not the
    /// backends'): a failed read is recorded and is not taken for "absent".
    /// </summary>
    private static async Task<bool?> ExistsOnceReadableAsync(ExperimentContext context, string key, TimeSpan limit, TimeSpan interval, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var exists = await context.Redis.ExistsAsync(key);
            if (exists is not null || watch.Elapsed >= limit)
            {
                return exists;
            }

            await Task.Delay(interval, cancellationToken);
        }
    }

    /// <summary>Polls a fresh login through the load balancer until every backend has answered one with 200 (or the limit).</summary>
    private static async Task<OutageRecovery> AwaitReconnectionAsync(
        ExperimentContext context, int backendCount, TimeSpan clientTimeout, TimeSpan limit, TimeSpan interval, CancellationToken cancellationToken)
    {
        var poller = context.Client(SchemeKind.Redis, cookies: false, timeout: clientTimeout);
        var watch = Stopwatch.StartNew();
        var accepted = new HashSet<string>(StringComparer.Ordinal);
        TimeSpan? first = null;
        int? firstAttempt = null;
        string? lastFailure = null;
        var attempts = 0;
        while (watch.Elapsed < limit)
        {
            attempts++;
            var login = await poller.LoginAsync($"reconnect-probe-{attempts.ToString(CultureInfo.InvariantCulture)}", cancellationToken);
            if (login.IsOk)
            {
                first ??= watch.Elapsed;
                firstAttempt ??= attempts;
                accepted.Add(login.ServerId ?? "?");
                if (accepted.Count >= backendCount)
                {
                    return new OutageRecovery(first, firstAttempt, watch.Elapsed, attempts, lastFailure, limit);
                }

                continue; // round robin: the next attempt reaches the next backend at once
            }

            lastFailure = login.Describe();
            await Task.Delay(interval, cancellationToken);
        }

        return new OutageRecovery(first, firstAttempt, null, attempts, lastFailure, limit);
    }

    private static void AddTables(ExperimentContext context, RedisOutageFacts facts)
    {
        var logins = facts.Users.Select(u => u.Login).ToList();
        context.AddTable(
            "Status per phase and user",
            ["who", "request", "normal", "Redis down", "Redis back"],
            [
                .. facts.Users.Select(u => (IReadOnlyList<string>)[u.Name, "GET /profile (own cookie)", Cell(u.Normal), Cell(u.DuringOutage), Cell(u.AfterRestart)]),
                ["a new user", "POST /login", $"{Distribution(logins)} ({string.Join(", ", facts.Users.Select(u => u.Name))})", Cell(facts.LoginDuringOutage), Cell(facts.NewLogin)],
            ]);
        context.AddTable(
            "Requests while Redis was down",
            ["who", "request", "status", "error", "server", "latency ms"],
            [
                .. facts.Users.Select(u => (IReadOnlyList<string>)[u.Name, "GET /profile", Status(u.DuringOutage), u.DuringOutage.Error ?? u.DuringOutage.Failure ?? "(none)", u.DuringOutage.ServerId ?? "(no reply)", Ms(u.DuringOutage.ElapsedMs)]),
                ["a new user", "POST /login", Status(facts.LoginDuringOutage), facts.LoginDuringOutage.Error ?? facts.LoginDuringOutage.Failure ?? "(none)", facts.LoginDuringOutage.ServerId ?? "(no reply)", Ms(facts.LoginDuringOutage.ElapsedMs)],
            ]);
        var recovery = facts.Recovery;
        context.AddTable(
            "Recovery after the restart",
            ["measure", "value"],
            [
                ["Redis down for (kill -9 → answering PING again)", $"{Format.Seconds(facts.DownFor)} s"],
                ["first successful login after Redis answered PING", recovery.FirstSuccess is { } first ? $"{Format.Seconds(first)} s (attempt {recovery.FirstSuccessAttempt})" : $"none within {Format.Seconds(recovery.Limit)} s ({recovery.Attempts} attempts)"],
                ["every backend accepted a login after", recovery.AllBackends is { } all ? $"{Format.Seconds(all)} s ({recovery.Attempts} attempts in all)" : $"not within {Format.Seconds(recovery.Limit)} s ({recovery.Attempts} attempts)"],
                ["last failure while reconnecting", recovery.LastFailure ?? "(none: the first attempt succeeded)"],
                ["session keys in Redis before the outage", Keys(facts.Users.Select(u => u.KeyBeforeOutage))],
                ["the same keys after the restart", Keys(facts.Users.Select(u => u.KeyAfterRestart))],
                ["the new user's /profile after the restart", Cell(facts.NewProfile)],
            ]);
    }

    private static string Cell(Exchange e) => e.Status == 0
        ? $"{e.Failure ?? "no reply"} ({Ms(e.ElapsedMs)} ms)"
        : $"{e.Describe()} ({e.ServerId ?? "no server id"}, {Ms(e.ElapsedMs)} ms)";

    private static string Status(Exchange e) => e.Status == 0 ? e.Failure ?? "no reply" : e.Status.ToString(CultureInfo.InvariantCulture);

    private static string Keys(IEnumerable<bool?> keys)
    {
        var list = keys.ToList();
        var unread = list.Count(k => k is null);
        return $"{list.Count(k => k == true)} of {list.Count} present" + (unread > 0 ? $", {unread} could not be read" : string.Empty);
    }

    /// <summary>"503 session store unavailable ×5, timeout ×1".</summary>
    internal static string Distribution(IEnumerable<Exchange> exchanges) =>
        string.Join(", ", exchanges.GroupBy(e => e.Describe()).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ×{g.Count().ToString(CultureInfo.InvariantCulture)}"));

    private static string Max(IEnumerable<Exchange> exchanges) => Ms(exchanges.Select(e => e.ElapsedMs).DefaultIfEmpty(0).Max());

    private static string Ms(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture);

}

/// <summary>What 2.3 observed, reduced to what its verdicts need.</summary>
internal sealed record RedisOutageFacts(
    IReadOnlyList<OutageUser> Users,
    Exchange LoginDuringOutage,
    OutageRecovery Recovery,
    Exchange NewLogin,
    Exchange NewProfile,
    TimeSpan ClientTimeout)
{
    /// <summary>How long Redis was down (kill to start), and how long every backend was given to reconnect.</summary>
    public TimeSpan DownFor { get; init; }

    /// <inheritdoc cref="DownFor"/>
    public TimeSpan ReconnectLimit { get; init; }


    /// <summary>Every request sent while Redis was down: the users' /profile and the new login.</summary>
    public IReadOnlyList<Exchange> OutageRequests => [.. Users.Select(u => u.DuringOutage), LoginDuringOutage];
}

/// <summary>One user of 2.3 through the three phases, and whether its session key was in Redis before and after.</summary>
internal sealed record OutageUser(string Name, Exchange Login, Exchange Normal, Exchange DuringOutage, Exchange AfterRestart, bool? KeyBeforeOutage, bool? KeyAfterRestart);

/// <summary>How the backends came back after Redis restarted: times from Redis answering PING, attempts, the last failure seen.</summary>
internal sealed record OutageRecovery(TimeSpan? FirstSuccess, int? FirstSuccessAttempt, TimeSpan? AllBackends, int Attempts, string? LastFailure, TimeSpan Limit);
