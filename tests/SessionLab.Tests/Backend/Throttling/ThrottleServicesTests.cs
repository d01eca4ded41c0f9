using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SessionLab.Backend.Throttling;

namespace SessionLab.Tests.Backend.Throttling;

public sealed class ThrottleServicesTests
{
    [Fact]
    public void ThrottleOptions_Defaults_Burst20TenPerSecondOnNoExemptions()
    {
        var options = Resolve<ThrottleOptions>([]);

        Assert.True(options.Enabled);
        Assert.Equal(20, options.Burst);
        Assert.Equal(10, options.FailuresPerSecond);
        Assert.Empty(options.ExemptNetworks);
    }

    [Fact]
    public void ThrottleOptions_BoundFromTheThrottleSection()
    {
        var options = Resolve<ThrottleOptions>(new()
        {
            ["Throttle:Enabled"] = "false",
            ["Throttle:Burst"] = "5",
            ["Throttle:FailuresPerSecond"] = "2",
            ["Throttle:ExemptNetworks:0"] = "10.0.0.0/8",
        });

        Assert.False(options.Enabled);
        Assert.Equal(5, options.Burst);
        Assert.Equal(2, options.FailuresPerSecond);
        Assert.Equal(["10.0.0.0/8"], options.ExemptNetworks);
    }

    [Theory]
    [InlineData("Throttle:Burst", "0")]
    [InlineData("Throttle:FailuresPerSecond", "0")]
    [InlineData("Throttle:ExemptNetworks:0", "not-a-network")]
    public void ThrottleOptions_Invalid_FailsValidation(string key, string value)
    {
        Assert.Throws<OptionsValidationException>(() => Resolve<ThrottleOptions>(new() { [key] = value }));
    }

    [Theory]
    [InlineData("Proxy:KnownProxies:0", "proxy.example")]
    [InlineData("Proxy:KnownNetworks:0", "10.0.0.1")]
    public void ProxyOptions_Invalid_FailsValidation(string key, string value)
    {
        Assert.Throws<OptionsValidationException>(() => Resolve<ProxyOptions>(new() { [key] = value }));
    }

    [Fact]
    public void ForwardedHeaders_NoProxiesConfigured_OnlyTheLastXForwardedForHopFromLoopback()
    {
        var forwarded = Resolve<ForwardedHeadersOptions>([]);

        Assert.Equal(ForwardedHeaders.XForwardedFor, forwarded.ForwardedHeaders);
        Assert.Equal(1, forwarded.ForwardLimit);
        Assert.Contains(IPAddress.IPv6Loopback, forwarded.KnownProxies);
        Assert.Contains(forwarded.KnownIPNetworks, n => n.Contains(IPAddress.Parse("127.0.0.1")));
        Assert.DoesNotContain(forwarded.KnownIPNetworks, n => n.Contains(IPAddress.Parse("10.0.0.1")));
    }

    [Fact]
    public void ForwardedHeaders_ProxiesConfigured_ReplaceTheLoopbackDefault()
    {
        var forwarded = Resolve<ForwardedHeadersOptions>(new()
        {
            ["Proxy:KnownProxies:0"] = "10.0.0.5",
            ["Proxy:KnownNetworks:0"] = "192.168.0.0/16",
        });

        Assert.Equal([IPAddress.Parse("10.0.0.5")], forwarded.KnownProxies);
        var network = Assert.Single(forwarded.KnownIPNetworks);
        Assert.True(network.Contains(IPAddress.Parse("192.168.3.4")));
        Assert.False(network.Contains(IPAddress.Parse("127.0.0.1")));
    }

    private static T Resolve<T>(Dictionary<string, string?> settings)
        where T : class
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddFailedAuthThrottle();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<T>>().Value;
    }
}
