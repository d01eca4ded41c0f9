using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SessionLab.Backend.Throttling;

namespace SessionLab.Tests.Backend.Throttling;

public sealed class FailedAuthThrottleTests
{
    private static readonly IPAddress Guesser = IPAddress.Parse("10.0.0.7");
    private static readonly IPAddress Other = IPAddress.Parse("10.0.0.8");
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void CanAfford_FreshClient_True() =>
        Assert.True(Throttle(new ThrottleOptions()).CanAfford(Guesser));

    [Fact]
    public void Fail_BurstSpent_CannotAffordWithRetryAfterOfASecond()
    {
        var throttle = Throttle(new ThrottleOptions { Burst = 5, FailuresPerSecond = 10 });

        Fail(throttle, Guesser, 5);

        Assert.False(throttle.CanAfford(Guesser));
        Assert.Equal(1, throttle.RetryAfterSeconds(Guesser));
        Assert.True(throttle.CanAfford(Other));
    }

    [Fact]
    public void CanAfford_AfterARefill_TrueAgain()
    {
        var throttle = Throttle(new ThrottleOptions { Burst = 2, FailuresPerSecond = 10 });
        Fail(throttle, Guesser, 2);
        Assert.False(throttle.CanAfford(Guesser));

        _time.Advance(TimeSpan.FromMilliseconds(100));

        Assert.True(throttle.CanAfford(Guesser));
    }

    [Fact]
    public void ClientOf_Ipv6_OneBudgetPerSlash64()
    {
        var throttle = Throttle(new ThrottleOptions { Burst = 1 });
        var first = throttle.ClientOf(IPAddress.Parse("2001:db8:1:2:aaaa::1"))!;
        var sibling = throttle.ClientOf(IPAddress.Parse("2001:db8:1:2:ffff::9"))!;
        var neighbour = throttle.ClientOf(IPAddress.Parse("2001:db8:1:3::1"))!;

        Assert.Equal(IPAddress.Parse("2001:db8:1:2::"), first);
        throttle.Fail(first);
        Assert.False(throttle.CanAfford(sibling));
        Assert.True(throttle.CanAfford(neighbour));
    }

    [Fact]
    public void ClientOf_ExemptNetwork_Null()
    {
        var options = new ThrottleOptions();
        options.ExemptNetworks.Add("127.0.0.1/32");
        var throttle = Throttle(options);

        Assert.Null(throttle.ClientOf(IPAddress.Loopback));
        Assert.Equal(IPAddress.Parse("127.55.1.1"), throttle.ClientOf(IPAddress.Parse("127.55.1.1")));
    }

    [Fact]
    public void ClientOf_Disabled_Null() =>
        Assert.Null(Throttle(new ThrottleOptions { Enabled = false }).ClientOf(Guesser));

    [Fact]
    public void ClientOf_UnknownAddress_Null() =>
        Assert.Null(Throttle(new ThrottleOptions()).ClientOf(null));

    [Fact]
    public void ClientOf_Ipv4MappedToIpv6_SameClientAsIpv4() =>
        Assert.Equal(Guesser, Throttle(new ThrottleOptions()).ClientOf(Guesser.MapToIPv6()));

    private static void Fail(FailedAuthThrottle throttle, IPAddress client, int times)
    {
        for (var i = 0; i < times; i++)
        {
            throttle.Fail(client);
        }
    }

    private FailedAuthThrottle Throttle(ThrottleOptions options) => new(Options.Create(options), _time);
}
