using SessionLab.Backend.Jwt;

namespace SessionLab.Topology;

/// <summary>What to bring up: engines, ports, where runs go, and the backends' settings.</summary>
internal sealed record TopologyOptions
{
    /// <summary><c>auto</c> (nginx when installed, else YARP), <c>nginx</c> or <c>yarp</c>.</summary>
    public string LoadBalancer { get; init; } = "auto";

    /// <summary><c>auto</c> (redis-server when installed, else Garnet), <c>system</c>, <c>garnet</c>, or a connection string to an external Redis.</summary>
    public string Store { get; init; } = "auto";

    public TopologyPorts Ports { get; init; } = new();

    /// <summary>Folder that receives one sub-folder per run (configs and every child's log). Default <c>./runs</c>.</summary>
    public string RunsDirectory { get; init; } = Path.Combine(Environment.CurrentDirectory, "runs");

    /// <summary>Sliding idle expiry of the sticky and redis sessions. Default 30 minutes (the experiments shorten it).</summary>
    public TimeSpan SessionTtl { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The redis group's session TTL when it differs from <see cref="SessionTtl"/> (experiment 2.2 uses 30 s).</summary>
    public TimeSpan? RedisSessionTtl { get; init; }

    /// <summary>
    /// How the sticky group keeps a client on its backend: <see cref="LoadBalancing.BalancingPolicy.IpHash"/> (the plan's
    /// <c>ip_hash</c>, the default) or <see cref="LoadBalancing.BalancingPolicy.CookieAffinity"/> (<c>up --affinity cookie</c>).
    /// </summary>
    public LoadBalancing.BalancingPolicy StickyAffinity { get; init; } = LoadBalancing.BalancingPolicy.IpHash;

    /// <summary>Lifetime of JWTs from <c>/login</c>. Default 2 hours.</summary>
    public TimeSpan JwtLifetime { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Whether the JWT group's <c>/profile</c> consults the blacklist. Default off.</summary>
    public RevocationMode Revocation { get; init; } = RevocationMode.Off;

    /// <summary>
    /// Also run the ASP.NET Core built-ins as two more groups (session middleware on 8110, JwtBearer on 8120), so the
    /// performance experiments measure them on the same load balancer. Default off: the plan's topology only.
    /// </summary>
    public bool IncludeBaselines { get; init; }

    /// <summary>
    /// Client networks the backends never throttle for failed authentications. Default <c>127.0.0.1/32</c>, the lab's own
    /// address: its load generator and fault experiments are thousands of users behind that one address, and some lose
    /// their sessions on purpose (6.x answer 401 by the thousand). Every other client address, like 5.5's guesser on
    /// <c>127.N.1.1</c>, keeps the backends' default budget.
    /// </summary>
    public IReadOnlyList<string> ThrottleExemptNetworks { get; init; } = ["127.0.0.1/32"];

    /// <summary>How long to wait for each part to answer before giving up. Default 60 s (first start JITs).</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
