using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy;

namespace SessionLab.Topology.LoadBalancing.Yarp;

/// <summary>
/// The embedded load balancer: YARP in the lab's own process, with nginx's <c>ip_hash</c>, round robin,
/// <c>max_fails</c>/<c>fail_timeout</c> and <c>proxy_next_upstream</c> reproduced, for machines without nginx.
/// </summary>
internal sealed class YarpLoadBalancerEngine : ILoadBalancerEngine
{
    /// <summary>The YARP package version, e.g. <c>2.3.0</c>.</summary>
    public static string Version { get; } = ReadVersion();

    public string Name => "yarp";

    /// <summary>Always available: YARP ships inside the lab.</summary>
    public EngineAvailability CheckAvailability() => new(true, Version);

    public async Task<IRunningLoadBalancer> StartAsync(IReadOnlyList<UpstreamGroup> groups, PassiveHealthOptions health, string runFolder, CancellationToken cancellationToken)
    {
        Validate(groups);
        Directory.CreateDirectory(runFolder);
        var log = new YarpLogFile(Path.Combine(runFolder, "yarp.log"));
        WebApplication? app = null;
        try
        {
            app = YarpProxyApp.Build(groups, health, runFolder, log);
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            await CloseAsync(app, log);

            // Kestrel's message names the address it could not bind, e.g. "address already in use".
            throw new TopologyException($"YARP cannot listen: {e.Message}", e);
        }
        catch
        {
            await CloseAsync(app, log);
            throw;
        }

        log.WriteLine($"{DateTimeOffset.Now:O} YARP {Version} listening: {string.Join(", ", groups.Select(Describe))}");
        return new RunningYarpLoadBalancer(app, log, $"YARP {Version}", groups, app.Services.GetRequiredService<DestinationRotation>());
    }

    private static async Task CloseAsync(WebApplication? app, YarpLogFile log)
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        log.Dispose();
    }

    private static void Validate(IReadOnlyList<UpstreamGroup> groups)
    {
        if (groups.Count == 0)
        {
            throw new TopologyException("The load balancer needs at least one group.");
        }

        if (groups.FirstOrDefault(g => g.Backends.Count == 0) is { } empty)
        {
            throw new TopologyException($"Group {empty.Name} has no backends.");
        }

        if (groups.GroupBy(g => g.Listen.Port).FirstOrDefault(p => p.Count() > 1) is { } shared)
        {
            throw new TopologyException($"Groups {string.Join(" and ", shared.Select(g => g.Name))} both listen on port {shared.Key}.");
        }
    }

    private static string Describe(UpstreamGroup group) =>
        $"{group.Name} on {group.Listen} ({group.Policy}) -> {string.Join(" ", group.Backends)}";

    private static string ReadVersion()
    {
        var informational = typeof(IProxyStateLookup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return informational?.Split('+')[0] ?? "unknown";
    }
}
