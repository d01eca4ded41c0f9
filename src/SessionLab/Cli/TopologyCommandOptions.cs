using System.CommandLine;
using System.Globalization;
using SessionLab.Backend.Jwt;
using SessionLab.Topology;
using SessionLab.Topology.Stores.Cluster;

namespace SessionLab.Cli;

/// <summary>The options shared by every command that brings the topology up (<c>up</c>, later <c>run</c>).</summary>
internal sealed class TopologyCommandOptions
{
    private static readonly TopologyPorts Plan = new();

    public Option<string> LoadBalancer { get; } = new("--lb") { Description = "auto (nginx if installed, else YARP), nginx or yarp", DefaultValueFactory = _ => "auto" };

    // The ports in these texts come from TopologyPorts and the engines, so a help cannot name ports the lab no longer takes.
    public Option<string> Store { get; } = new("--redis")
    {
        Description = $"auto (redis-server if installed, else Garnet), system, garnet, sentinel (a primary, two replicas and three Sentinels on {PortRuns.Describe(Plan.SentinelGroup())}), cluster (three primaries and three replicas on {PortRuns.Describe(Plan.ClusterNodes())}, bus ports +{ClusterEngine.BusPortOffset.ToString(CultureInfo.InvariantCulture)}), or a Redis connection string (external: Sentinel/Cluster syntax accepted)",
        DefaultValueFactory = _ => "auto",
    };

    public Option<int> PortOffset { get; } = new Option<int>("--port-offset")
    {
        Description = $"added to every port the lab listens on, to run beside another lab: {Plan.Ranges} (balancers, backends, baselines, the experiments' extra backends and stores, the replicated stores)",
        DefaultValueFactory = _ => 0,
    }.MustBeAPortOffset();

    public Option<string?> RunsDirectory { get; } = new Option<string?>("--runs-dir") { Description = "where run folders go [default: ./runs]" }.MustBeAWritableFolder();

    public Option<TimeSpan?> SessionTtl { get; } = new("--session-ttl") { Description = "sliding idle expiry of sticky and redis sessions [default: 30m]", CustomParser = DurationParser.ParseOption };

    public Option<string?> Revocation { get; } = new("--revocation") { Description = "off: JWT /profile is stateless; on: it consults the blacklist [default: off]" };

    public Option<string> Affinity { get; } = new("--affinity") { Description = "how the sticky group keeps a client on its backend: ip-hash (the plan's ip_hash) or cookie (a route cookie the load balancer sets: nginx hash ... consistent, YARP cookie session affinity)", DefaultValueFactory = _ => "ip-hash" };

    public Option<bool> Baselines { get; } = new("--baselines") { Description = "also run the ASP.NET Core built-ins (session middleware on 8110, JwtBearer on 8120) as baseline groups" };

    public TopologyCommandOptions()
    {
        Revocation.AcceptOnlyFromAmong("off", "on");
        Affinity.AcceptOnlyFromAmong("ip-hash", "cookie");
    }

    public void AddTo(Command command)
    {
        command.Options.Add(LoadBalancer);
        command.Options.Add(Store);
        command.Options.Add(PortOffset);
        command.Options.Add(RunsDirectory);
        command.Options.Add(SessionTtl);
        command.Options.Add(Revocation);
        command.Options.Add(Affinity);
        command.Options.Add(Baselines);
    }

    public TopologyOptions Read(ParseResult parse)
    {
        var defaults = new TopologyOptions();
        return defaults with
        {
            LoadBalancer = parse.GetValue(LoadBalancer)!,
            Store = parse.GetValue(Store)!,
            Ports = new TopologyPorts(parse.GetValue(PortOffset)),
            RunsDirectory = parse.GetValue(RunsDirectory) is { Length: > 0 } dir ? Path.GetFullPath(dir) : defaults.RunsDirectory,
            SessionTtl = parse.GetValue(SessionTtl) ?? defaults.SessionTtl,
            Revocation = parse.GetValue(Revocation) == "on" ? RevocationMode.On : RevocationMode.Off,
            IncludeBaselines = parse.GetValue(Baselines),
            StickyAffinity = parse.GetValue(Affinity) == "cookie" ? Topology.LoadBalancing.BalancingPolicy.CookieAffinity : Topology.LoadBalancing.BalancingPolicy.IpHash,
        };
    }
}
