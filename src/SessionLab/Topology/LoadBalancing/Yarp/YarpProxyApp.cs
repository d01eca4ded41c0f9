using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Transforms;

namespace SessionLab.Topology.LoadBalancing.Yarp;

/// <summary>The in-process Kestrel + YARP application serving every group on its own port.</summary>
internal static class YarpProxyApp
{
    // Requests still in flight at shutdown get this long; nginx's fast shutdown does not wait at all.
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(2);

    public static WebApplication Build(IReadOnlyList<UpstreamGroup> groups, PassiveHealthOptions health, string runFolder, YarpLogFile log)
    {
        // The run folder as content root keeps a stray appsettings.json in the working directory out of the proxy.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = runFolder });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new YarpFileLoggerProvider(log));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownGrace);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var group in groups)
            {
                kestrel.Listen(group.Listen);
            }
        });

        builder.Services.AddSingleton(health);
        builder.Services.AddSingleton<DestinationRotation>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, ListenPortMatcherPolicy>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoadBalancingPolicy, NginxIpHashLoadBalancingPolicy>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPassiveHealthCheckPolicy, NginxMaxFailsHealthPolicy>());
        builder.Services.AddSingleton<IForwarderHttpClientFactory>(new ConnectTimeoutHttpClientFactory(health.ConnectTimeout, health.KeepaliveTimeout));
        builder.Services.AddReverseProxy()
            .LoadFromMemory(YarpProxyConfig.Routes(groups), YarpProxyConfig.Clusters(groups))
            .AddTransforms(context => context.AddRequestTransform(AddRealIp));

        var app = builder.Build();
        app.Use((context, next) => AccessLog.InvokeAsync(context, next, log));
        app.MapReverseProxy(pipeline =>
            {
                var rotation = pipeline.ApplicationServices.GetRequiredService<DestinationRotation>();
                pipeline.Use(rotation.InvokeAsync);
                pipeline.Use(NextUpstreamRetry.InvokeAsync);
                // Inside the retry (only clusters with cookie affinity have it on): a retry has its failed destination
                // taken out, so the affinity no longer finds it there and redistributes, as nginx moves to the next server.
                pipeline.UseSessionAffinity();
                pipeline.UseLoadBalancing();
                pipeline.UsePassiveHealthChecks();
            })
            .ConfigureEndpoints((endpoint, route) => endpoint.WithMetadata(new ListenPortMetadata(
                int.Parse(route.Metadata![YarpProxyConfig.ListenPortKey], CultureInfo.InvariantCulture))));
        return app;
    }

    /// <summary>nginx configs commonly add <c>X-Real-IP $remote_addr</c>; YARP already adds <c>X-Forwarded-For</c>.</summary>
    private static ValueTask AddRealIp(RequestTransformContext context)
    {
        if (context.HttpContext.Connection.RemoteIpAddress is { } remote)
        {
            var address = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
            context.ProxyRequest.Headers.TryAddWithoutValidation("X-Real-IP", address.ToString());
        }

        return ValueTask.CompletedTask;
    }
}
