using System.Net;
using Microsoft.Extensions.Options;
using SessionLab.Backend.Throttling;

namespace SessionLab.Tests.Backend.Throttling;

public sealed class FailedAuthThrottleTests
{
    private static readonly IPAddress Guesser = IPAddress.Parse("10.0.0.7");
    private static readonly IPAddress Other = IPAddress.Parse("10.0.0.8");

    [Fact]
    public void MayTry_FreshClient_True()
    {
        using var throttle = Throttle(new ThrottleOptions());

        Assert.True(throttle.MayTry(Guesser, out _));
    }

    [Fact]
    public void MayTry_BurstOfFailuresSpent_FalseWithRetryAfterOfASecond()
    {
        using var throttle = Throttle(new ThrottleOptions { Burst = 5, FailuresPerSecond = 10 });

        for (var i = 0; i < 5; i++)
        {
            Assert.True(throttle.MayTry(Guesser, out _));
            throttle.RecordFailure(Guesser);
        }

        Assert.False(throttle.MayTry(Guesser, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(1), retryAfter);
    }

    [Fact]
    public void MayTry_OneClientSpentItsBudget_OtherClientUnaffected()
    {
        using var throttle = Throttle(new ThrottleOptions { Burst = 3 });
        for (var i = 0; i < 10; i++)
        {
            throttle.RecordFailure(Guesser);
        }

        Assert.False(throttle.MayTry(Guesser, out _));
        Assert.True(throttle.MayTry(Other, out _));
    }

    [Fact]
    public void MayTry_ChecksOnly_NeverSpendsTheBudget()
    {
        using var throttle = Throttle(new ThrottleOptions { Burst = 1 });

        for (var i = 0; i < 100; i++)
        {
            Assert.True(throttle.MayTry(Guesser, out _));
        }
    }

    [Fact]
    public async Task MayTry_AfterARefill_TrueAgain()
    {
        using var throttle = Throttle(new ThrottleOptions { Burst = 2, FailuresPerSecond = 10 });
        throttle.RecordFailure(Guesser);
        throttle.RecordFailure(Guesser);
        Assert.False(throttle.MayTry(Guesser, out _));

        // The partitioned limiter refills on its own 100 ms heartbeat: real time, kept short.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        while (!throttle.MayTry(Guesser, out _) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.True(throttle.MayTry(Guesser, out _));
    }

    [Fact]
    public void ClientOf_ExemptNetwork_Null()
    {
        var options = new ThrottleOptions();
        options.ExemptNetworks.Add("127.0.0.1/32");
        using var throttle = Throttle(options);

        Assert.Null(throttle.ClientOf(IPAddress.Loopback));
        Assert.Equal(IPAddress.Parse("127.55.1.1"), throttle.ClientOf(IPAddress.Parse("127.55.1.1")));
    }

    [Fact]
    public void ClientOf_Disabled_Null()
    {
        using var throttle = Throttle(new ThrottleOptions { Enabled = false });

        Assert.Null(throttle.ClientOf(Guesser));
    }

    [Fact]
    public void ClientOf_UnknownAddress_Null()
    {
        using var throttle = Throttle(new ThrottleOptions());

        Assert.Null(throttle.ClientOf(null));
    }

    [Fact]
    public void ClientOf_Ipv4MappedToIpv6_SameClientAsIpv4()
    {
        using var throttle = Throttle(new ThrottleOptions());

        Assert.Equal(Guesser, throttle.ClientOf(Guesser.MapToIPv6()));
    }

    private static FailedAuthThrottle Throttle(ThrottleOptions options) => new(Options.Create(options));
}
