using System.Net;
using Microsoft.Extensions.Options;
using SessionLab.Backend.Throttling;

namespace SessionLab.Tests.Backend.Throttling;

public sealed class FailedAuthThrottleTests
{
    private static readonly IPAddress Guesser = IPAddress.Parse("10.0.0.7");
    private static readonly IPAddress Other = IPAddress.Parse("10.0.0.8");

    [Fact]
    public void TryEnter_FreshClient_True()
    {
        using var throttle = Throttle(new ThrottleOptions());

        Assert.True(throttle.TryEnter(Guesser, out _));
    }

    [Fact]
    public void TryEnter_BurstOfFailuresSpent_FalseWithRetryAfterOfASecond()
    {
        using var throttle = Throttle(new ThrottleOptions { Burst = 5, FailuresPerSecond = 10 });

        Fail(throttle, Guesser, 5);

        Assert.False(throttle.TryEnter(Guesser, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(1), retryAfter);
    }

    [Fact]
    public void TryEnter_OneClientSpentItsBudget_OtherClientUnaffected()
    {
        using var throttle = Throttle(new ThrottleOptions { Burst = 3 });

        Fail(throttle, Guesser, 3);

        Assert.False(throttle.TryEnter(Guesser, out _));
        Assert.True(throttle.TryEnter(Other, out _));
    }

    [Fact]
    public void Exit_Successes_NeverSpendTheBudget()
    {
        using var throttle = Throttle(new ThrottleOptions { Burst = 1 });

        for (var i = 0; i < 100; i++)
        {
            Assert.True(throttle.TryEnter(Guesser, out _));
            throttle.Exit(Guesser, failed: false);
        }
    }

    [Fact]
    public void TryEnter_RequestsInFlight_EachClaimsAFailureItMightSpend()
    {
        using var throttle = Throttle(new ThrottleOptions { Burst = 3 });

        var admitted = Enumerable.Range(0, 10).Count(i => throttle.TryEnter(Guesser, out var _));
        Assert.Equal(3, admitted);

        throttle.Exit(Guesser, failed: false);
        Assert.True(throttle.TryEnter(Guesser, out _));
    }

    [Fact]
    public void TryEnter_ManyAtOnceWhileOneFailureIsLeft_OnlyOneLetIn()
    {
        using var throttle = Throttle(new ThrottleOptions { Burst = 3 });
        Fail(throttle, Guesser, 2);

        var admitted = 0;
        Parallel.For(0, 64, i =>
        {
            if (throttle.TryEnter(Guesser, out _))
            {
                Interlocked.Increment(ref admitted);
            }
        });

        Assert.Equal(1, admitted);
    }

    [Fact]
    public async Task TryEnter_AfterARefill_TrueAgain()
    {
        using var throttle = Throttle(new ThrottleOptions { Burst = 2, FailuresPerSecond = 10 });
        Fail(throttle, Guesser, 2);
        Assert.False(throttle.TryEnter(Guesser, out _));

        // The partitioned limiter refills on its own 100 ms heartbeat: real time, kept short.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        var admitted = false;
        while (!(admitted = throttle.TryEnter(Guesser, out _)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.True(admitted);
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

    private static void Fail(FailedAuthThrottle throttle, IPAddress client, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.True(throttle.TryEnter(client, out _));
            throttle.Exit(client, failed: true);
        }
    }

    private static FailedAuthThrottle Throttle(ThrottleOptions options) => new(Options.Create(options));
}
