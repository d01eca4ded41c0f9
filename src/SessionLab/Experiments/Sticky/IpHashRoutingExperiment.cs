using System.Globalization;
using System.Net;
using SessionLab.Backend.Common;
using SessionLab.Experiments.Framework;
using SessionLab.Reporting.Model;
using SessionLab.Topology.Clients;

namespace SessionLab.Experiments.Sticky;

/// <summary>1.1 — does ip_hash always send one client to one backend?</summary>
internal sealed class IpHashRoutingExperiment : Experiment<IpHashRoutingExperiment, RoutingFacts>, IJudge<RoutingFacts>
{
    private static readonly Hypothesis H1 = new("H1", "All requests of one client reach one backend.");

    private static readonly Hypothesis H2 = new("H2", "Different clients are spread over the backends.");

    private static readonly Hypothesis H3 = new("H3", "A client whose IP changes may land on another backend.");

    public override ExperimentInfo Info { get; } = new(
        "1.1",
        1,
        "IP-hash routing consistency",
        "Does ip_hash always send one client to one backend?",
        [H1, H2, H3]);

    protected override async Task<RoutingFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var requests = context.Parameter("requests", 20);
        var clients = context.Parameter("clients", 10);
        var ipChanges = context.Parameter("ip_changes", 5);

        context.Step($"one client (127.0.0.1) sends {requests} GET /health via the sticky load balancer");
        var single = context.Client(SchemeKind.Sticky);
        var sequence = new List<string>();
        for (var i = 0; i < requests; i++)
        {
            sequence.Add(ServerOf(await single.GetAsync("/health", cancellationToken)));
        }

        context.Step($"{clients} clients, each from its own /24 (127.N.1.1), send one request each");
        var distinct = await OneRequestEachAsync(context, Enumerable.Range(0, clients).Select(i => SourceAddressClientFactory.Address(i, sameSubnet: false)), cancellationToken);

        context.Step($"{clients} clients in one /24 (127.9.9.1–{clients}) send one request each");
        var sameSubnet = await OneRequestEachAsync(context, Enumerable.Range(0, clients).Select(i => SourceAddressClientFactory.Address(i, sameSubnet: true)), cancellationToken);

        context.Step("a logged-in client changes IP: first within its /24, then to other /24 networks");
        var moves = await IpChangesAsync(context, ipChanges, cancellationToken);

        return new RoutingFacts(sequence, distinct, sameSubnet, moves);
    }

    protected override void Tabulate(ExperimentContext context, RoutingFacts facts)
    {
        context.AddTable(
            "Routing per scenario",
            ["scenario", "requests", "backends seen", "switches", "verdict"],
            [
                ["one client, repeated requests", facts.Sequence.Count.ToString(CultureInfo.InvariantCulture), Seen(facts.Sequence), facts.Switches.ToString(CultureInfo.InvariantCulture), facts.Switches == 0 ? "stable" : "switched"],
                [$"{facts.Distinct.Count} clients, distinct /24", facts.Distinct.Count.ToString(CultureInfo.InvariantCulture), Seen(facts.Distinct.Values), "-", Distribution(facts.Distinct.Values)],
                [$"{facts.SameSubnet.Count} clients, one /24", facts.SameSubnet.Count.ToString(CultureInfo.InvariantCulture), Seen(facts.SameSubnet.Values), "-", Distribution(facts.SameSubnet.Values)],
                .. facts.Moves.Select(m => (IReadOnlyList<string>)[$"IP change {m.From} → {m.To}", "2", $"{m.Before} → {m.After}", m.Before == m.After ? "0" : "1", m.Before == m.After ? $"stayed ({m.ProfileAfter})" : $"moved ({m.ProfileAfter})"]),
            ]);
        context.AddTable(
            "Distribution of distinct-/24 clients",
            ["client address", "backend"],
            facts.Distinct.Select(p => (IReadOnlyList<string>)[p.Key, p.Value]));

        if (facts.SameSubnetBackends == 1 && facts.DistinctBackends > 1)
        {
            context.Anomaly($"All {facts.SameSubnet.Count} clients of one /24 reached {facts.SameSubnet.Values.First()}: nginx ip_hash hashes only the first three octets of an IPv4 address, so clients behind one NAT or in one office subnet all share a backend. Localhost clients (127.0.0.x) would never spread.");
        }
    }

    /// <summary>The verdicts, from the facts alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(RoutingFacts facts)
    {
        yield return facts.Sequence.Count == 0 || facts.Sequence.Contains(Unanswered)
            ? H1.Inconclusive($"{facts.Sequence.Count(s => s == Unanswered)} of {facts.Sequence.Count} requests got no answer.")
            : H1.Holds(facts.Switches == 0, $"{facts.Sequence.Count} requests from one address reached {Seen(facts.Sequence)} with {facts.Switches} switches.");

        yield return H2.Holds(facts.DistinctBackends > 1, $"{facts.Distinct.Count} clients from distinct /24 networks were spread {Distribution(facts.Distinct.Values)}; {facts.SameSubnet.Count} clients of one /24 went {Distribution(facts.SameSubnet.Values)} (nginx hashes the first three octets only).");

        var crossSubnet = facts.Moves.Where(m => !m.SameSubnet).ToList();
        var moved = crossSubnet.Count(m => m.Before != m.After);
        yield return crossSubnet.Count == 0
            ? H3.Inconclusive("No IP change across /24 networks was made.")
            : H3.Holds(moved > 0, $"{moved} of {crossSubnet.Count} changes to another /24 moved the client to another backend (and lost its session there); changes within the /24 moved it {facts.Moves.Count(m => m.SameSubnet && m.Before != m.After)} times.");
    }

    private const string Unanswered = "(no answer)";

    private static async Task<Dictionary<string, string>> OneRequestEachAsync(ExperimentContext context, IEnumerable<IPAddress> sources, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            var client = context.Client(SchemeKind.Sticky, source);
            result[source.ToString()] = ServerOf(await client.GetAsync("/health", cancellationToken));
        }

        return result;
    }

    private static async Task<List<IpMove>> IpChangesAsync(ExperimentContext context, int changes, CancellationToken cancellationToken)
    {
        var moves = new List<IpMove>();
        var home = IPAddress.Parse("127.200.1.1");
        var destinations = new List<IPAddress> { IPAddress.Parse("127.200.1.77") }; // same /24
        destinations.AddRange(Enumerable.Range(0, changes).Select(i => IPAddress.Parse($"127.{201 + i}.1.1")));
        foreach (var destination in destinations)
        {
            var before = context.Client(SchemeKind.Sticky, home);
            var login = await before.LoginAsync("alice", cancellationToken);
            var after = context.Client(SchemeKind.Sticky, destination, cookies: false);
            after.SetHeader("Cookie", login.SessionIdSet is { } id ? $"session_id={id}" : null);
            var profile = await after.GetAsync("/profile", cancellationToken);
            moves.Add(new IpMove(home.ToString(), destination.ToString(), SameSubnet(home, destination), ServerOf(login), ServerOf(profile), profile.Describe()));
        }

        return moves;
    }

    private static bool SameSubnet(IPAddress a, IPAddress b) => a.GetAddressBytes().AsSpan(0, 3).SequenceEqual(b.GetAddressBytes().AsSpan(0, 3));

    private static string ServerOf(Exchange exchange) => exchange.ServerId ?? Unanswered;

    private static string Seen(IEnumerable<string> servers) => string.Join(", ", servers.Distinct().Order(StringComparer.Ordinal));

    private static string Distribution(IEnumerable<string> servers) =>
        string.Join(" / ", servers.GroupBy(s => s).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}: {g.Count()}"));
}

/// <summary>What 1.1 observed, reduced to what its verdicts need.</summary>
internal sealed record RoutingFacts(
    IReadOnlyList<string> Sequence,
    IReadOnlyDictionary<string, string> Distinct,
    IReadOnlyDictionary<string, string> SameSubnet,
    IReadOnlyList<IpMove> Moves)
{
    public int Switches => Sequence.Zip(Sequence.Skip(1)).Count(p => p.First != p.Second);

    public int DistinctBackends => Distinct.Values.Distinct().Count();

    public int SameSubnetBackends => SameSubnet.Values.Distinct().Count();
}

/// <summary>One IP change of a logged-in client: where it was, where it landed, and what /profile said there.</summary>
internal sealed record IpMove(string From, string To, bool SameSubnet, string Before, string After, string ProfileAfter);
