using SessionLab.Backend.Common;
using SessionLab.Measurement.Load;
using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.Framework.Load;

/// <summary>
/// One thing group 4 measures: a scheme's <c>/profile</c> (or the bare <c>/health</c> ceiling) through its load balancer,
/// with the credentials each load worker sends.
/// </summary>
internal sealed record PerformanceTarget(string Name, SchemeKind Scheme, Uri Balancer, string Path, bool IsBaseline, bool IsCeiling, IReadOnlyList<string> Credentials)
{
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

    /// <summary>The header ab/wrk send (they use one credential for every connection).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToolHeaders() =>
        Credentials.Count == 0
            ? []
            : Scheme is SchemeKind.Jwt or SchemeKind.JwtBearer
                ? [new("Authorization", $"Bearer {Credentials[0]}")]
                : [new("Cookie", $"session_id={Credentials[0]}")];

    /// <summary>
    /// The plan's three schemes, the bare <c>/health</c> ceilings through the same balancers, and the ASP.NET Core peers when
    /// the topology runs them. Users log in later, just before each measurement (<see cref="WithUsersAsync"/>): with the
    /// quick 3-second TTL, sessions made at the start would expire while earlier targets are measured.
    /// </summary>
    public static IReadOnlyList<PerformanceTarget> All(ExperimentContext context)
    {
        var topology = context.Topology;
        var targets = new List<PerformanceTarget>
        {
            new("ceiling: /health via ip_hash", SchemeKind.Sticky, topology.BalancerAddress(SchemeKind.Sticky), "/health", IsBaseline: true, IsCeiling: true, []),
            new("ceiling: /health via round robin", SchemeKind.Redis, topology.BalancerAddress(SchemeKind.Redis), "/health", IsBaseline: true, IsCeiling: true, []),
            new("sticky", SchemeKind.Sticky, topology.BalancerAddress(SchemeKind.Sticky), "/profile", IsBaseline: false, IsCeiling: false, []),
            new("redis", SchemeKind.Redis, topology.BalancerAddress(SchemeKind.Redis), "/profile", IsBaseline: false, IsCeiling: false, []),
            new("jwt", SchemeKind.Jwt, topology.BalancerAddress(SchemeKind.Jwt), "/profile", IsBaseline: false, IsCeiling: false, []),
        };
        if (topology.Groups.Any(g => g.Listen.Port == topology.BalancerPort(SchemeKind.AspNetSession)))
        {
            targets.Add(new("aspnet-session (built-in peer)", SchemeKind.AspNetSession, topology.BalancerAddress(SchemeKind.AspNetSession), "/profile", IsBaseline: true, IsCeiling: false, []));
            targets.Add(new("jwt-bearer (built-in peer)", SchemeKind.JwtBearer, topology.BalancerAddress(SchemeKind.JwtBearer), "/profile", IsBaseline: true, IsCeiling: false, []));
        }
        else
        {
            context.Anomaly("The topology runs without the ASP.NET Core baseline groups, so the built-in peers were not measured.");
        }

        return targets;
    }

    /// <summary>This target with <paramref name="sessions"/> freshly logged-in users (ceilings need none); null when nobody could log in.</summary>
    public async Task<PerformanceTarget?> WithUsersAsync(ExperimentContext context, int sessions, CancellationToken cancellationToken)
    {
        if (IsCeiling)
        {
            return this;
        }

        var login = await BulkLogin.RunAsync(Balancer, sessions, Math.Min(sessions, 16), cancellationToken, userPrefix: "perf");
        var credentials = login.Credentials.OfType<string>().ToList();
        context.Recorder.Note(ObservationKind.Note, $"{Name}: {credentials.Count} of {sessions} load users logged in via {Balancer}");
        if (credentials.Count == 0)
        {
            context.Anomaly($"{Name}: no load user could log in, so it was not measured.");
            return null;
        }

        return this with { Credentials = credentials };
    }

    /// <summary>Processes that serve this target: its group's backends, the load balancer and the store.</summary>
    public bool IsServedBy(string component) =>
        component.StartsWith("lb/", StringComparison.Ordinal) || component == "store" || component.StartsWith(Topology.SchemeNames.Of(Scheme) + "/", StringComparison.Ordinal);
}
