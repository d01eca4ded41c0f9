using System.Net;
using SessionLab.Backend.Common;
using SessionLab.Measurement.Load;
using SessionLab.Reporting.Model;
using SessionLab.Topology.Clients;

namespace SessionLab.Experiments.Framework.Load;

/// <summary>
/// One thing group 4 measures: a variant's <c>/profile</c> (or the bare <c>/health</c> ceiling) through its load
/// balancer, with the credentials each load worker sends and the client address it sends them from.
/// </summary>
internal sealed record PerformanceTarget(string Name, SchemeKind Scheme, Uri Balancer, string Path, bool IsBaseline, bool IsCeiling, IReadOnlyList<string> Credentials)
{
    /// <summary>Distinct /24s the load's users come from (ip_hash hashes the first three octets).</summary>
    public const int ClientNetworks = 200;

    /// <summary>Whether every user comes from the same address (one office or carrier NAT) instead of its own network.</summary>
    public bool OneAddress { get; init; }

    /// <summary>
    /// Whether users log in and send their load from their own client addresses (<see cref="SourceFor"/>), as group 4
    /// measures; false (the default for the fault experiments) leaves both to the system's address.
    /// </summary>
    public bool SpreadClients { get; init; }

    /// <summary>Logins per backend for the credentials in use (which backends the load reaches, for ip_hash).</summary>
    public IReadOnlyDictionary<string, int> LoginsPerBackend { get; init; } = new Dictionary<string, int>();

    /// <summary>The ceiling this target is held against: the bare <c>/health</c> on the same kind of balancer.</summary>
    public string? Ceiling => IsCeiling ? null : Scheme == SchemeKind.Sticky ? TargetNames.IpHashCeiling : TargetNames.RoundRobinCeiling;

    /// <summary>The address worker (and user) <paramref name="worker"/> connects from: each in its own /24 unless <see cref="OneAddress"/>.</summary>
    public IPAddress SourceFor(int worker) =>
        SourceAddressClientFactory.Address(OneAddress ? 0 : worker % ClientNetworks, sameSubnet: OneAddress);

    public RequestTemplate RequestFor(int worker)
    {
        var request = new RequestTemplate(Path);
        if (Credentials.Count == 0)
        {
            return request;
        }

        var credential = Credentials[worker % Credentials.Count];
        return Scheme is SchemeKind.Jwt or SchemeKind.JwtBearer ? request.WithBearer(credential) : request.WithCookie("session_id", credential);
    }

    /// <summary>Load options for this target: its per-worker credentials, each worker from its own address.</summary>
    public LoadOptions Load(int concurrency, long? requests, TimeSpan? duration, int warmup) => new()
    {
        Target = Balancer,
        RequestPerWorker = RequestFor,
        SourceAddressPerWorker = SpreadClients || OneAddress ? SourceFor : null,
        Concurrency = concurrency,
        RequestCount = duration is null ? requests : null,
        Duration = duration,
        WarmupRequests = warmup,
    };

    /// <summary>The header ab/wrk send (they use one credential for every connection).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToolHeaders() =>
        Credentials.Count == 0
            ? []
            : Scheme is SchemeKind.Jwt or SchemeKind.JwtBearer
                ? [new("Authorization", $"Bearer {Credentials[0]}")]
                : [new("Cookie", $"session_id={Credentials[0]}")];

    /// <summary>
    /// The variants a team can deploy (sticky, Redis session, stateless JWT, JWT with revocation), the bare
    /// <c>/health</c> ceilings through the same balancers, and the ASP.NET Core peers when the topology runs them. Users
    /// log in later, just before each measurement (<see cref="WithUsersAsync"/>): with the quick 3-second TTL, sessions
    /// made at the start would expire while other targets are measured.
    /// </summary>
    /// <param name="context">The experiment's context.</param>
    /// <param name="withOneNat">Also the sticky variant with every user behind one address (4.2's named scenario).</param>
    public static IReadOnlyList<PerformanceTarget> All(ExperimentContext context, bool withOneNat = false)
    {
        var topology = context.Topology;
        var sticky = topology.BalancerAddress(SchemeKind.Sticky);
        var targets = new List<PerformanceTarget>
        {
            new(TargetNames.IpHashCeiling, SchemeKind.Sticky, sticky, "/health", IsBaseline: true, IsCeiling: true, []),
            new(TargetNames.RoundRobinCeiling, SchemeKind.Redis, topology.BalancerAddress(SchemeKind.Redis), "/health", IsBaseline: true, IsCeiling: true, []),
            new(TargetNames.Sticky, SchemeKind.Sticky, sticky, "/profile", IsBaseline: false, IsCeiling: false, []),
            new(TargetNames.Redis, SchemeKind.Redis, topology.BalancerAddress(SchemeKind.Redis), "/profile", IsBaseline: false, IsCeiling: false, []),
            new(TargetNames.Jwt, SchemeKind.Jwt, topology.BalancerAddress(SchemeKind.Jwt), "/profile", IsBaseline: false, IsCeiling: false, []),
            new(TargetNames.JwtRevocation, SchemeKind.Jwt, topology.BalancerAddress(SchemeKind.Jwt), "/profile-with-blacklist", IsBaseline: false, IsCeiling: false, []),
        };
        if (withOneNat)
        {
            targets.Insert(3, new(TargetNames.StickyOneNat, SchemeKind.Sticky, sticky, "/profile", IsBaseline: false, IsCeiling: false, []) { OneAddress = true });
        }

        if (topology.Groups.Any(g => g.Listen.Port == topology.BalancerPort(SchemeKind.AspNetSession)))
        {
            targets.Add(new(TargetNames.AspNetSessionPeer, SchemeKind.AspNetSession, topology.BalancerAddress(SchemeKind.AspNetSession), "/profile", IsBaseline: true, IsCeiling: false, []));
            targets.Add(new(TargetNames.JwtBearerPeer, SchemeKind.JwtBearer, topology.BalancerAddress(SchemeKind.JwtBearer), "/profile", IsBaseline: true, IsCeiling: false, []));
        }
        else
        {
            context.Anomaly("The topology runs without the ASP.NET Core baseline groups, so the built-in peers were not measured.");
        }

        // Group 4's users come from their own networks, like real ones.
        return [.. targets.Select(t => t with { SpreadClients = true })];
    }

    /// <summary>
    /// This target with <paramref name="sessions"/> freshly logged-in users, user <c>i</c> from worker <c>i</c>'s
    /// address (ceilings need none); null when nobody could log in.
    /// </summary>
    public async Task<PerformanceTarget?> WithUsersAsync(ExperimentContext context, int sessions, CancellationToken cancellationToken)
    {
        if (IsCeiling)
        {
            return this;
        }

        var login = await BulkLogin.RunAsync(Balancer, sessions, Math.Min(sessions, 16), cancellationToken, userPrefix: "perf", source: SpreadClients || OneAddress ? SourceFor : null);
        var credentials = login.Credentials.OfType<string>().ToList();
        context.Recorder.Note(ObservationKind.Note, $"{Name}: {credentials.Count} of {sessions} load users logged in via {Balancer} ({string.Join(", ", login.PerServer.Select(p => $"{p.Key} ×{p.Value}"))})");
        if (credentials.Count < sessions)
        {
            context.Anomaly($"{Name}: only {credentials.Count} of {sessions} load users could log in{(credentials.Count == 0 ? ", so it was not measured" : "; the others' workers reuse their sessions")}.");
        }

        // Workers reuse the credentials that exist; an incomplete set keeps each worker on its own address's session
        // only when every login succeeded, which the anomaly above reports.
        return credentials.Count == 0 ? null : this with { Credentials = credentials, LoginsPerBackend = login.PerServer };
    }

    /// <summary>Processes that serve this target: its group's backends, the load balancer and the store.</summary>
    public bool IsServedBy(string component) =>
        component.StartsWith("lb/", StringComparison.Ordinal) || component == "store" || component.StartsWith(Topology.SchemeNames.Of(Scheme) + "/", StringComparison.Ordinal);
}
