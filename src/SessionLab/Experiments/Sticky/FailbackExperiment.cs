using System.Diagnostics;
using System.Globalization;
using SessionLab.Backend.Common;
using SessionLab.Experiments.Framework;
using SessionLab.Experiments.Framework.FaultsUnderLoad;
using SessionLab.Reporting.Model;
using SessionLab.Topology;
using SessionLab.Topology.Clients;
using SessionLab.Topology.LoadBalancing;

namespace SessionLab.Experiments.Sticky;

/// <summary>
/// 1.5 — failback: a sticky backend crashes, its users move and log in again, then it comes back. Does the load
/// balancer send them back (losing the session they just made), under <c>ip_hash</c> and under cookie affinity?
/// </summary>
internal sealed class FailbackExperiment : Experiment<FailbackExperiment, FailbackFacts>, IJudge<FailbackFacts>
{
    private static readonly Hypothesis H1 = new("H1", "At the crash every user of the killed backend loses its session under both policies (401 from a live backend), and logging in again there works.");

    private static readonly Hypothesis H2 = new("H2", "ip_hash sends the moved users back when their backend returns, so the session they made after the crash is lost too.");

    private static readonly Hypothesis H3 = new("H3", "Cookie affinity keeps the moved users on the backend they moved to when their old one returns: their new session survives.");

    private static readonly Hypothesis H4 = new("H4", "Users of the other backends keep their sessions through the crash and the return, under both policies.");

    public override ExperimentInfo Info { get; } = new(
        "1.5",
        1,
        "Failback",
        "When a crashed sticky backend comes back, are its users sent back to it (losing their new session), with ip_hash and with cookie affinity?",
        [H1, H2, H3, H4]);

    protected override async Task<FailbackFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        await BalancerSettle.UntilStickyGroupSettledAsync(context, cancellationToken);
        var users = context.Parameter("users_per_policy", 9);
        var failTimeout = new PassiveHealthOptions().FailTimeout;
        var returnWait = context.Parameter("wait_for_the_balancer_to_use_it_again", failTimeout + TimeSpan.FromSeconds(1.5));
        var sticky = context.Topology.Groups.Single(g => g.Name == SchemeNames.UpstreamOf(SchemeKind.Sticky));
        var other = sticky.Policy == BalancingPolicy.CookieAffinity ? BalancingPolicy.IpHash : BalancingPolicy.CookieAffinity;

        context.Step($"start a second load balancer ({context.Topology.LoadBalancer.Description}) with {SharedAddressExperiment.Describe(other)} in front of the same sticky backends");
        await using var extra = await context.Topology.StartExtraBalancerAsync(1, other == BalancingPolicy.CookieAffinity ? "sticky-cookie" : "sticky-ip-hash", SchemeKind.Sticky, other, cancellationToken);
        var addresses = new Dictionary<BalancingPolicy, Uri> { [sticky.Policy] = context.Topology.BalancerAddress(SchemeKind.Sticky), [other] = extra.Address };

        context.Step($"{users} users log in through each balancer, each from its own /24");
        var ipHash = await LogInAsync(context, addresses[BalancingPolicy.IpHash], "iphash", 100, users, cancellationToken);
        var cookie = await LogInAsync(context, addresses[BalancingPolicy.CookieAffinity], "cookie", 120, users, cancellationToken);

        // The backend with users of both policies (the most of the fewer, then the most in all).
        var victim = context.Topology.BackendsOf(SchemeKind.Sticky)
            .OrderByDescending(b => Math.Min(ipHash.Count(u => u.Before == b.ServerId), cookie.Count(u => u.Before == b.ServerId)))
            .ThenByDescending(b => ipHash.Concat(cookie).Count(u => u.Before == b.ServerId))
            .ThenBy(b => b.ServerId, StringComparer.Ordinal)
            .First();

        context.Step($"kill -9 {victim.Name} ({ipHash.Count(u => u.Before == victim.ServerId)} ip_hash and {cookie.Count(u => u.Before == victim.ServerId)} cookie-affinity users on it)");
        context.RecordFault(await context.Faults.KillBackendAsync(victim.Name));
        var sinceKill = Stopwatch.StartNew();

        context.Step("every user calls GET /profile; those whose session was lost log in again and call GET /profile");
        foreach (var user in ipHash.Concat(cookie))
        {
            await user.AfterCrashAsync(cancellationToken);
        }

        context.Step($"start {victim.Name} again; wait until {Format.CompactSeconds(returnWait)} s after the crash (the balancer's fail_timeout of {Format.CompactSeconds(failTimeout)} s, then it tries the backend again)");
        context.RecordFault(await context.Faults.StartBackendAsync(victim.Name, cancellationToken));
        if (returnWait > sinceKill.Elapsed)
        {
            await context.WaitAsync(returnWait - sinceKill.Elapsed, "the balancer takes the returned backend back", cancellationToken);
        }

        context.Step("every user calls GET /profile again, with the session it holds now");
        foreach (var user in ipHash.Concat(cookie))
        {
            await user.AfterReturnAsync(cancellationToken);
        }

        return new FailbackFacts(context.Topology.LoadBalancer.Description, victim.ServerId, [.. ipHash.Select(u => u.Outcome)], [.. cookie.Select(u => u.Outcome)]);
    }

    private static async Task<List<Tracked>> LogInAsync(ExperimentContext context, Uri balancer, string policy, int first, int count, CancellationToken cancellationToken)
    {
        var users = new List<Tracked>();
        for (var i = 0; i < count; i++)
        {
            var client = context.Client(balancer, SourceAddressClientFactory.Address(first + i, sameSubnet: false));
            var name = $"failback-{policy}-{i + 1}";
            var login = await client.LoginAsync(name, cancellationToken);
            users.Add(new Tracked(client, name, login.IsOk ? login.ServerId : null));
        }

        return users;
    }

    protected override void Tabulate(ExperimentContext context, FailbackFacts facts)
    {
        context.AddTable(
            $"Sticky users around the crash and the return of {facts.Victim} ({facts.Engine})",
            ["policy", "address", "first backend", "at the crash", "logged in again on", "after the return", "served by"],
            facts.Runs.SelectMany(r => r.Users.Select(u => (IReadOnlyList<string>)[
                r.Policy,
                u.Source,
                u.Before ?? "(login failed)",
                u.AtCrash,
                u.MovedTo ?? (u.Before == facts.Victim ? "failed" : "not needed"),
                u.AfterReturn,
                u.AfterReturnServer ?? "no answer",
            ])));
        context.AddTable(
            "Sessions lost",
            ["policy", $"users on {facts.Victim}", "lost at the crash", "moved and logged in again", "lost again at the return", "sent back to it", "other users' sessions lost"],
            facts.Runs.Select(r => (IReadOnlyList<string>)[
                r.Policy,
                Format.Count(r.Orphans.Count),
                Format.Count(r.Orphans.Count(u => !u.AtCrashOk)),
                Format.Count(r.Moved.Count),
                Format.Count(r.Moved.Count(u => !u.AfterReturnOk)),
                Format.Count(r.Moved.Count(u => u.AfterReturnServer == facts.Victim)),
                Format.Count(r.Others.Count(u => !u.AtCrashOk || !u.AfterReturnOk)),
            ]));
    }

    /// <summary>The verdicts, from the facts alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(FailbackFacts facts)
    {
        var runs = facts.Runs.Where(r => r.Orphans.Count > 0).ToList();
        if (facts.Victim is null || runs.Count == 0)
        {
            yield return H1.Inconclusive("No user of either policy was on the killed backend.");
        }
        else
        {
            var kept = runs.Sum(r => r.Orphans.Count(u => u.AtCrashOk));
            var lost = runs.Sum(r => r.Orphans.Count(u => u.AtCrashStatus == 401 && u.AtCrashServer != facts.Victim));
            var relogged = runs.Sum(r => r.Orphans.Count(u => u.MovedTo is not null));
            var orphans = runs.Sum(r => r.Orphans.Count);
            yield return H1.With(
                kept > 0 ? Verdict.Refuted : lost == orphans && relogged == orphans ? Verdict.Confirmed : Verdict.Inconclusive,
                $"{string.Join("; ", runs.Select(r => $"{r.Policy}: {r.Orphans.Count(u => !u.AtCrashOk)} of {r.Orphans.Count} users of {facts.Victim} lost their session ({Tally(r.Orphans.Select(u => u.AtCrash))}), {r.Orphans.Count(u => u.MovedTo is not null)} logged in again on {Tally(r.Orphans.Where(u => u.MovedTo is not null).Select(u => u.MovedTo!))}"))}.");
        }

        yield return Return(H2, facts.IpHash, facts, sentBackConfirms: true);
        yield return Return(H3, facts.Cookie, facts, sentBackConfirms: false);

        var others = facts.Runs.SelectMany(r => r.Others).ToList();
        yield return others.Count == 0
            ? H4.Inconclusive("Every user was on the killed backend.")
            : H4.Holds(
                others.All(u => u.AtCrashOk && u.AfterReturnOk && u.AfterReturnServer == u.Before),
                $"{others.Count(u => u.AtCrashOk && u.AfterReturnOk && u.AfterReturnServer == u.Before)} of {others.Count} users of the other backends got 200 from their own backend at the crash and after the return.");
    }

    private static HypothesisVerdict Return(Hypothesis hypothesis, FailbackRun run, FailbackFacts facts, bool sentBackConfirms)
    {
        var moved = run.Moved;
        if (moved.Count == 0)
        {
            return hypothesis.Inconclusive($"{run.Policy}: no user moved off {facts.Victim ?? "the killed backend"} and logged in again, so there was nobody to send back.");
        }

        var sentBack = moved.Count(u => u.AfterReturnServer == facts.Victim && !u.AfterReturnOk);
        var stayed = moved.Count(u => u.AfterReturnOk && u.AfterReturnServer == u.MovedTo);
        var evidence = $"{run.Policy} ({facts.Engine}): of {moved.Count} users who moved off {facts.Victim} and logged in again, {sentBack} were sent back to it after its return and lost that session too ({Tally(moved.Select(u => u.AfterReturn))}), {stayed} stayed where they went.";
        var verdict = sentBackConfirms
            ? sentBack == moved.Count ? Verdict.Confirmed : stayed > 0 ? Verdict.Refuted : Verdict.Inconclusive
            : stayed == moved.Count ? Verdict.Confirmed : sentBack > 0 ? Verdict.Refuted : Verdict.Inconclusive;
        return hypothesis.With(verdict, evidence);
    }

    private static string Tally(IEnumerable<string> values)
    {
        var groups = values.GroupBy(v => v).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} ×{g.Count().ToString(CultureInfo.InvariantCulture)}").ToList();
        return groups.Count == 0 ? "none" : string.Join(", ", groups);
    }

    /// <summary>One user followed through the crash and the return.</summary>
    private sealed class Tracked(LabClient client, string name, string? before)
    {
        private Exchange? _atCrash;
        private string? _movedTo;

        public string? Before { get; } = before;

        public FailbackUser Outcome { get; private set; } = new(client.Source.ToString(), before, 0, "not asked", null, null, 0, "not asked", null);

        public async Task AfterCrashAsync(CancellationToken cancellationToken)
        {
            _atCrash = await client.GetAsync("/profile", cancellationToken);
            if (!_atCrash.IsOk && Before is not null)
            {
                var login = await client.LoginAsync(name, cancellationToken);
                var again = await client.GetAsync("/profile", cancellationToken);
                _movedTo = login.IsOk && again.IsOk ? again.ServerId : null;
            }
        }

        public async Task AfterReturnAsync(CancellationToken cancellationToken)
        {
            var after = await client.GetAsync("/profile", cancellationToken);
            Outcome = new FailbackUser(client.Source.ToString(), Before, _atCrash?.Status ?? 0, _atCrash?.Describe() ?? "not asked", _atCrash?.ServerId, _movedTo, after.Status, after.Describe(), after.ServerId);
        }
    }
}

/// <summary>What 1.5 observed: the engine, the killed backend, and the users behind each policy.</summary>
internal sealed record FailbackFacts(string Engine, string? Victim, IReadOnlyList<FailbackUser> IpHashUsers, IReadOnlyList<FailbackUser> CookieUsers)
{
    public FailbackRun IpHash => new("ip_hash", Victim, IpHashUsers);

    public FailbackRun Cookie => new("cookie affinity", Victim, CookieUsers);

    public IReadOnlyList<FailbackRun> Runs => [IpHash, Cookie];
}

/// <summary>The users of one policy, split by whether their first backend was the killed one.</summary>
internal sealed record FailbackRun(string Policy, string? Victim, IReadOnlyList<FailbackUser> Users)
{
    public IReadOnlyList<FailbackUser> Orphans => [.. Users.Where(u => u.Before is not null && u.Before == Victim)];

    /// <summary>Orphans that logged in again on another backend after the crash.</summary>
    public IReadOnlyList<FailbackUser> Moved => [.. Orphans.Where(u => u.MovedTo is not null && u.MovedTo != Victim)];

    public IReadOnlyList<FailbackUser> Others => [.. Users.Where(u => u.Before is not null && u.Before != Victim)];
}

/// <summary>
/// One user: its first backend, its first GET /profile after the crash, where it logged in again (null: not needed or
/// failed), and its GET /profile after the killed backend returned.
/// </summary>
internal sealed record FailbackUser(string Source, string? Before, int AtCrashStatus, string AtCrash, string? AtCrashServer, string? MovedTo, int AfterReturnStatus, string AfterReturn, string? AfterReturnServer)
{
    public bool AtCrashOk => AtCrashStatus == 200;

    public bool AfterReturnOk => AfterReturnStatus == 200;
}
