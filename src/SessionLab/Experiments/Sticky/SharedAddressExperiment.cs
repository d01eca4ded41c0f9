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
/// 1.4 — users behind one NAT (an office: every client in one /24): <c>ip_hash</c> sees one client, so does it put them
/// all on one backend, and does cookie affinity spread them while keeping each on its own?
/// </summary>
internal sealed class SharedAddressExperiment : Experiment<SharedAddressExperiment, SharedAddressFacts>, IJudge<SharedAddressFacts>
{
    /// <summary>The most of the users one backend may get for them to count as spread (two thirds).</summary>
    internal const double MaxShare = 2.0 / 3;

    private const int Requests = 5;

    private static readonly Hypothesis H1 = new("H1", "ip_hash puts every user of one /24 on one backend: the others get none of them.");

    private static readonly Hypothesis H2 = new("H2", "Cookie affinity spreads the same users over every backend of the group, none getting more than two thirds of them.");

    private static readonly Hypothesis H3 = new("H3", "Cookie affinity keeps each user on its backend: every later request is served 200 by the backend that created its session.");

    public override ExperimentInfo Info { get; } = new(
        "1.4",
        1,
        "Users behind one NAT",
        "Do ip_hash and cookie affinity put users who share one /24 (an office NAT) on one backend, or spread them, and keep each on its own?",
        [H1, H2, H3]);

    protected override async Task<SharedAddressFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        await BalancerSettle.UntilStickyGroupSettledAsync(context, cancellationToken);
        var users = context.Parameter("users", 30);
        context.Parameter("requests_per_user", Requests);
        var sticky = context.Topology.Groups.Single(g => g.Name == SchemeNames.UpstreamOf(SchemeKind.Sticky));
        var backends = sticky.Backends.Count;

        // The topology's sticky balancer has one policy (ip_hash unless `--affinity cookie`); the other runs beside it, in
        // front of the same three backends.
        var other = sticky.Policy == BalancingPolicy.CookieAffinity ? BalancingPolicy.IpHash : BalancingPolicy.CookieAffinity;
        context.Step($"start a second load balancer ({context.Topology.LoadBalancer.Description}) with {Describe(other)} in front of the same sticky backends");
        await using var extra = await context.Topology.StartExtraBalancerAsync(1, other == BalancingPolicy.CookieAffinity ? "sticky-cookie" : "sticky-ip-hash", SchemeKind.Sticky, other, cancellationToken);
        var addresses = new Dictionary<BalancingPolicy, Uri>
        {
            [sticky.Policy] = context.Topology.BalancerAddress(SchemeKind.Sticky),
            [other] = extra.Address,
        };

        var runs = new List<PolicyRun>();
        foreach (var policy in new[] { BalancingPolicy.IpHash, BalancingPolicy.CookieAffinity })
        {
            context.Step($"{Describe(policy)} ({addresses[policy]}): {users} users from one /24 (127.9.9.1–{users}) log in, then each calls GET /profile {Requests} times");
            var outcomes = new List<SharedAddressUser>();
            for (var i = 0; i < users; i++)
            {
                var client = context.Client(addresses[policy], SourceAddressClientFactory.Address(i, sameSubnet: true));
                var login = await client.LoginAsync($"office-{(policy == BalancingPolicy.IpHash ? "iphash" : "cookie")}-{i + 1}", cancellationToken);
                var later = new List<(int Status, string? Server)>();
                for (var r = 0; r < Requests; r++)
                {
                    var profile = await client.GetAsync("/profile", cancellationToken);
                    later.Add((profile.Status, profile.ServerId));
                }

                outcomes.Add(new SharedAddressUser(client.Source.ToString(), login.Status, login.ServerId, later.Count(p => p.Status == 200 && p.Server == login.ServerId), [.. later.Select(p => p.Server ?? "no answer").Distinct()]));
            }

            runs.Add(new PolicyRun(Describe(policy), outcomes));
        }

        return new SharedAddressFacts(backends, Requests, runs[0], runs[1]);
    }

    protected override void Tabulate(ExperimentContext context, SharedAddressFacts facts)
    {
        PolicyRun[] runs = [facts.IpHash, facts.Cookie];
        var servers = runs.SelectMany(r => r.Users).Select(u => u.LoginServer).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        context.AddTable(
            $"{facts.IpHash.Users.Count} users from one /24: which backend created each session",
            ["policy", .. servers, "backends used", "largest share"],
            runs.Select(r => (IReadOnlyList<string>)[
                r.Policy,
                .. servers.Select(s => r.Users.Count(u => u.LoginServer == s).ToString(CultureInfo.InvariantCulture)),
                $"{r.BackendsUsed.ToString(CultureInfo.InvariantCulture)} of {facts.Backends.ToString(CultureInfo.InvariantCulture)}",
                r.Users.Count == 0 ? "-" : $"{(100.0 * r.LargestCount / r.Users.Count).ToString("0", CultureInfo.InvariantCulture)} %",
            ]));
        context.AddTable(
            $"Did each user stay on its backend? ({facts.Requests} GET /profile per user)",
            ["policy", "logins 200", "users all of whose requests got 200 from their backend", "users served by another backend"],
            runs.Select(r => (IReadOnlyList<string>)[
                r.Policy,
                $"{r.Users.Count(u => u.LoginStatus == 200).ToString(CultureInfo.InvariantCulture)} of {r.Users.Count.ToString(CultureInfo.InvariantCulture)}",
                r.Users.Count(u => u.KeptCount == facts.Requests).ToString(CultureInfo.InvariantCulture),
                r.Users.Count(u => u.Servers.Any(s => s != u.LoginServer)).ToString(CultureInfo.InvariantCulture),
            ]));
        foreach (var run in runs)
        {
            context.AddMetric(new Metric(run.Policy, "largest_backend_share", "%", run.Users.Count == 0 ? 0 : Math.Round(100.0 * run.LargestCount / run.Users.Count, 1)));
        }
    }

    /// <summary>The verdicts, from the facts alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(SharedAddressFacts facts)
    {
        var ip = facts.IpHash;
        yield return ip.LoggedIn.Count == 0
            ? H1.Inconclusive("No user could log in through the ip_hash balancer.")
            : H1.Holds(ip.BackendsUsed == 1, $"ip_hash: {ip.LoggedIn.Count} users from one /24 landed on {Spread(ip)}; {ip.Users.Count(u => u.KeptCount == facts.Requests)} of them got 200 from that backend on every request.");

        var cookie = facts.Cookie;
        if (cookie.LoggedIn.Count < facts.Backends)
        {
            yield return H2.Inconclusive($"Only {cookie.LoggedIn.Count} users could log in through the cookie-affinity balancer, too few to spread over {facts.Backends} backends.");
            yield return H3.Inconclusive("Too few users logged in through the cookie-affinity balancer.");
            yield break;
        }

        var share = (double)cookie.LargestCount / cookie.LoggedIn.Count;
        yield return H2.With(
            cookie.BackendsUsed == facts.Backends && share <= MaxShare ? Verdict.Confirmed : cookie.BackendsUsed == 1 ? Verdict.Refuted : Verdict.Inconclusive,
            $"cookie affinity: {cookie.LoggedIn.Count} users from one /24 landed on {Spread(cookie)} (largest share {(100 * share).ToString("0", CultureInfo.InvariantCulture)} %, allowed {(100 * MaxShare).ToString("0", CultureInfo.InvariantCulture)} %).");

        var moved = cookie.LoggedIn.Where(u => u.KeptCount != facts.Requests).ToList();
        yield return H3.Holds(moved.Count == 0, $"{cookie.LoggedIn.Count - moved.Count} of {cookie.LoggedIn.Count} users got 200 from their own backend on all {facts.Requests} requests{(moved.Count > 0 ? $"; the others: {string.Join(", ", moved.Select(u => $"{u.Source} ({u.LoginServer} → {string.Join("/", u.Servers)}, {u.KeptCount}/{facts.Requests})"))}" : string.Empty)}.");
    }

    private static string Spread(PolicyRun run) =>
        string.Join(", ", run.LoggedIn.GroupBy(u => u.LoginServer!).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} ×{g.Count().ToString(CultureInfo.InvariantCulture)}"));

    internal static string Describe(BalancingPolicy policy) => policy == BalancingPolicy.IpHash ? "ip_hash" : "cookie affinity";
}

/// <summary>What 1.4 observed: the group's size, requests per user, and the same users behind each policy.</summary>
internal sealed record SharedAddressFacts(int Backends, int Requests, PolicyRun IpHash, PolicyRun Cookie);

/// <summary>The users behind one policy.</summary>
internal sealed record PolicyRun(string Policy, IReadOnlyList<SharedAddressUser> Users)
{
    public IReadOnlyList<SharedAddressUser> LoggedIn => [.. Users.Where(u => u.LoginStatus == 200 && u.LoginServer is not null)];

    public int BackendsUsed => LoggedIn.Select(u => u.LoginServer).Distinct().Count();

    public int LargestCount => LoggedIn.Count == 0 ? 0 : LoggedIn.GroupBy(u => u.LoginServer).Max(g => g.Count());
}

/// <summary>One user: its address, where its login created the session, how many later requests its backend served with 200, and every backend that answered them.</summary>
internal sealed record SharedAddressUser(string Source, int LoginStatus, string? LoginServer, int KeptCount, IReadOnlyList<string> Servers);
