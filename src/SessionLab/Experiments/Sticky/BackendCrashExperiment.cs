using System.Globalization;
using SessionLab.Backend.Common;
using SessionLab.Experiments.Framework;
using SessionLab.Reporting.Model;
using SessionLab.Topology.Clients;

namespace SessionLab.Experiments.Sticky;

/// <summary>1.3 — does a crash lose that backend's sessions, and does the system recover?</summary>
internal sealed class BackendCrashExperiment : Experiment<BackendCrashExperiment, CrashFacts>, IJudge<CrashFacts>
{
    private static readonly Hypothesis H1 = new("H1", "The sessions of the killed backend are all lost: its users get 401 and must log in again.");

    private static readonly Hypothesis H2 = new("H2", "Users of the other backends keep working (200 from the same backend).");

    private static readonly Hypothesis H3 = new("H3", "The load balancer routes the orphaned users to live backends (no 5xx, no timeout).");

    public override ExperimentInfo Info { get; } = new(
        "1.3",
        1,
        "Backend crash",
        "Does a crash lose that backend's sessions, and does the system recover?",
        [H1, H2, H3]);

    protected override async Task<CrashFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var userCount = context.Parameter("users", 5);
        var wait = context.Parameter("wait_after_kill", context.Settings.Wait(TimeSpan.FromSeconds(2)));

        // Each user from its own /24 (127.N.1.1): nginx hashes the first three octets, so 127.0.0.x clients would all share one backend.
        context.Step($"{userCount} users log in via the sticky load balancer, each from its own /24");
        var users = new List<(string Name, LabClient Client, Exchange Login)>();
        for (var i = 0; i < userCount; i++)
        {
            var name = $"user{i + 1}";
            var client = context.Client(SchemeKind.Sticky, SourceAddressClientFactory.Address(i, sameSubnet: false));
            users.Add((name, client, await client.LoginAsync(name, cancellationToken)));
        }

        var victim = users.Where(u => u.Login.IsOk && u.Login.ServerId is not null)
            .GroupBy(u => u.Login.ServerId!)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)
            .FirstOrDefault();
        if (victim is null)
        {
            return new CrashFacts(null, []);
        }

        var node = context.Topology.BackendsOf(SchemeKind.Sticky).Single(b => b.ServerId == victim);
        context.Step($"kill -9 {node.Name}, which holds the most sessions ({users.Count(u => u.Login.ServerId == victim)} of {userCount})");
        context.RecordFault(await context.Faults.KillBackendAsync(node.Name));
        await context.WaitAsync(wait, "let the crash settle before the users come back", cancellationToken);

        context.Step("every user calls GET /profile again (same address, same cookie)");
        var after = new List<Exchange>();
        foreach (var user in users)
        {
            after.Add(await user.Client.GetAsync("/profile", cancellationToken));
        }

        context.Step("every user whose session was lost logs in again and calls GET /profile");
        var outcomes = new List<CrashUser>();
        for (var i = 0; i < users.Count; i++)
        {
            var (name, client, login) = users[i];
            int? relogin = null;
            string? reloginServer = null;
            if (!after[i].IsOk)
            {
                await client.LoginAsync(name, cancellationToken);
                var again = await client.GetAsync("/profile", cancellationToken);
                relogin = again.Status;
                reloginServer = again.ServerId;
            }

            outcomes.Add(new CrashUser(name, client.Source.ToString(), login.IsOk ? login.ServerId : null, after[i].Status, after[i].Describe(), after[i].Error, after[i].ServerId, after[i].ElapsedMs, relogin, reloginServer));
        }

        return new CrashFacts(victim, outcomes);
    }

    protected override void Tabulate(ExperimentContext context, CrashFacts facts)
    {
        if (facts.Killed is not { } victim)
        {
            context.Anomaly("No user could log in via the sticky load balancer, so there was no backend to crash.");
            return;
        }

        var outcomes = facts.Users;
        context.AddTable(
            $"Users before and after kill -9 of {victim}",
            ["user", "address", "original backend", "status after crash", "new backend", "session", "log in again"],
            [
                .. outcomes.Select(u => (IReadOnlyList<string>)[
                    u.User,
                    u.Source,
                    u.Before ?? "(login failed)",
                    u.Reply,
                    u.After ?? "no answer",
                    u.Status == 200 ? "kept" : "lost",
                    u.ReloginStatus is { } s ? $"{s.ToString(CultureInfo.InvariantCulture)} on {u.ReloginServer ?? "no answer"}" : "not needed"]),
                [
                    "total",
                    $"{outcomes.Count} users",
                    $"{facts.Orphans.Count} on {victim}",
                    Tally(outcomes.Select(u => u.Reply)),
                    Tally(outcomes.Select(u => u.After ?? "no answer")),
                    $"{outcomes.Count(u => u.Status == 200)} kept, {outcomes.Count(u => u.Status != 200)} lost",
                    $"{outcomes.Count(u => u.ReloginStatus == 200)} of {outcomes.Count(u => u.ReloginStatus is not null)} back with 200",
                ],
            ]);

        foreach (var orphan in facts.Orphans.Where(o => o.Status is 0 or >= 500))
        {
            context.Anomaly($"{orphan.User} (on {victim}) got {orphan.Reply} on its first request after the crash instead of being passed to a live backend: the load balancer did not (yet) retry the dead backend's refused connection elsewhere.");
        }
    }

    /// <summary>The verdicts, from the facts alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(CrashFacts facts)
    {
        if (facts.Killed is null || facts.Users.Count == 0 || facts.Orphans.Count == 0)
        {
            const string NoCrash = "No backend with sessions was killed, so there was nothing to observe.";
            yield return H1.Inconclusive(NoCrash);
            yield return H2.Inconclusive(NoCrash);
            yield return H3.Inconclusive(NoCrash);
            yield break;
        }

        var orphans = facts.Orphans;
        var kept = orphans.Count(o => o.Status == 200);
        var notFound = orphans.Count(o => o.Status == 401 && o.Error == ErrorMessages.SessionNotFound);
        var relogged = orphans.Count(o => o.ReloginStatus == 200);
        yield return H1.With(kept > 0 ? Verdict.Refuted : notFound == orphans.Count ? Verdict.Confirmed : Verdict.Inconclusive,
            $"Of {orphans.Count} users on {facts.Killed}, {notFound} got 401 \"{ErrorMessages.SessionNotFound}\" and {kept} kept their session ({Tally(orphans.Select(o => o.Reply))}); {relogged} of {orphans.Count(o => o.ReloginStatus is not null)} got 200 again after logging in again.");

        var survivors = facts.Users.Where(u => u.Before is not null && u.Before != facts.Killed).ToList();
        var working = survivors.Count(u => u.Status == 200 && u.After == u.Before);
        yield return survivors.Count == 0
            ? H2.Inconclusive($"All {facts.Users.Count} users were on {facts.Killed}; no user of another backend to observe.")
            : H2.Holds(working == survivors.Count, $"{working} of {survivors.Count} users of the other backends got 200 from their own backend after the crash ({string.Join(", ", survivors.Select(u => $"{u.User} {u.Before}→{u.After ?? "no answer"} {u.Reply}"))}).");

        var failed = orphans.Where(o => o.Status is 0 or >= 500 || o.After is null || o.After == facts.Killed).ToList();
        yield return H3.Holds(failed.Count == 0, $"{orphans.Count - failed.Count} of {orphans.Count} orphaned users were answered by a live backend ({Tally(orphans.Select(o => o.After ?? "no answer"))}); {failed.Count} got a 5xx, a timeout or no backend; slowest first request {orphans.Max(o => o.ElapsedMs).ToString("0.0", CultureInfo.InvariantCulture)} ms.");
    }

    private static string Tally(IEnumerable<string> values) =>
        string.Join(", ", values.GroupBy(v => v).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} ×{g.Count()}"));
}

/// <summary>What 1.3 observed: which backend was killed and every user before and after.</summary>
internal sealed record CrashFacts(string? Killed, IReadOnlyList<CrashUser> Users)
{
    /// <summary>The users whose session lived on the killed backend.</summary>
    public IReadOnlyList<CrashUser> Orphans => [.. Users.Where(u => u.Before is not null && u.Before == Killed)];
}

/// <summary>One user: the backend it logged in on, its first /profile after the crash, and a fresh login if that failed.</summary>
internal sealed record CrashUser(
    string User,
    string Source,
    string? Before,
    int Status,
    string Reply,
    string? Error,
    string? After,
    double ElapsedMs,
    int? ReloginStatus,
    string? ReloginServer);
