using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace SessionLab.Backend.Throttling;

/// <summary>Registers the failed-authentication throttle and the forwarded-headers trust it relies on.</summary>
internal static class ThrottleServices
{
    public static IServiceCollection AddFailedAuthThrottle(this IServiceCollection services)
    {
        services.AddOptions<ThrottleOptions>().BindConfiguration(ThrottleOptions.SectionName)
            .Validate(o => o.Burst >= 1, "Throttle:Burst must be at least 1.")
            .Validate(o => o.FailuresPerSecond >= 1, "Throttle:FailuresPerSecond must be at least 1.")
            .Validate(o => o.ExemptNetworks.All(n => IPNetwork.TryParse(n, out _)), "Throttle:ExemptNetworks must be CIDR networks, e.g. 10.0.0.0/8.")
            .ValidateOnStart();
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.SectionName)
            .Validate(o => o.KnownProxies.All(p => IPAddress.TryParse(p, out _)), "Proxy:KnownProxies must be IP addresses.")
            .Validate(o => o.KnownNetworks.All(n => IPNetwork.TryParse(n, out _)), "Proxy:KnownNetworks must be CIDR networks, e.g. 10.0.0.0/24.")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxies) => Configure(forwarded, proxies.Value));
        services.AddOptions<ThrottleOptions>()
            .Validate(o => o.Login.ClientBurst >= 1 && o.Login.UserBurst >= 1, "Throttle:Login bursts must be at least 1.")
            .Validate(o => o.Login.RefillInterval > TimeSpan.Zero, "Throttle:Login:RefillInterval must be positive.")
            .Validate(o => o.Login.ConcurrentHashes >= 1 && o.Login.HashQueue >= 0, "Throttle:Login:ConcurrentHashes must be at least 1 and HashQueue at least 0.");
        services.AddSingleton<FailedAuthThrottle>();
        services.AddSingleton<LoginThrottle>();
        return services;
    }

    /// <summary>Only X-Forwarded-For, only its last hop (the one our proxy appended), only from trusted proxies.</summary>
    internal static void Configure(ForwardedHeadersOptions forwarded, ProxyOptions proxies)
    {
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
        forwarded.ForwardLimit = 1;
        if (proxies.KnownProxies.Count == 0 && proxies.KnownNetworks.Count == 0)
        {
            return;
        }

        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in proxies.KnownProxies)
        {
            forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in proxies.KnownNetworks)
        {
            forwarded.KnownIPNetworks.Add(IPNetwork.Parse(network));
        }
    }
}
