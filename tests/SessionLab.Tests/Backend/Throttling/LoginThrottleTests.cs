using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SessionLab.Backend.Throttling;

namespace SessionLab.Tests.Backend.Throttling;

public sealed class LoginThrottleTests
{
    private static readonly IPAddress Guesser = IPAddress.Parse("10.0.0.7");
    private static readonly IPAddress User = IPAddress.Parse("10.9.0.1");
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void RetryAfterSeconds_GuesserSpentItsBudget_RefusedWhileTheTargetedUserElsewhereIsNot()
    {
        using var throttle = Throttle(new LoginThrottleOptions { ClientBurst = 3, UserBurst = 10, RefillInterval = TimeSpan.FromSeconds(6) });

        for (var i = 0; i < 3; i++)
        {
            Assert.Null(throttle.RetryAfterSeconds(Guesser, "alice"));
            throttle.Fail(Guesser, "alice");
        }

        Assert.Equal(6, throttle.RetryAfterSeconds(Guesser, "alice"));
        Assert.Equal(6, throttle.RetryAfterSeconds(Guesser, "bob"));
        Assert.Null(throttle.RetryAfterSeconds(User, "alice"));
    }

    [Fact]
    public void RetryAfterSeconds_UsernameSpentFromManyAddresses_RefusedFromAnyAddress()
    {
        using var throttle = Throttle(new LoginThrottleOptions { ClientBurst = 3, UserBurst = 5 });

        for (var i = 0; i < 5; i++)
        {
            throttle.Fail(IPAddress.Parse($"10.1.{i}.1"), "alice");
        }

        Assert.NotNull(throttle.RetryAfterSeconds(User, "alice"));
        Assert.Null(throttle.RetryAfterSeconds(User, "bob"));
    }

    [Fact]
    public void RetryAfterSeconds_ExemptClient_OnlyTheUsernameBudgetApplies()
    {
        using var throttle = Throttle(new LoginThrottleOptions { ClientBurst = 1, UserBurst = 3 });

        throttle.Fail(null, "alice");
        throttle.Fail(null, "alice");

        Assert.Null(throttle.RetryAfterSeconds(null, "alice"));
        throttle.Fail(null, "alice");
        Assert.NotNull(throttle.RetryAfterSeconds(null, "alice"));
    }

    [Fact]
    public void RetryAfterSeconds_Disabled_NeverRefuses()
    {
        using var throttle = new LoginThrottle(Options.Create(new ThrottleOptions { Enabled = false, Login = new LoginThrottleOptions { ClientBurst = 1 } }), _time);

        throttle.Fail(Guesser, "alice");
        throttle.Fail(Guesser, "alice");

        Assert.Null(throttle.RetryAfterSeconds(Guesser, "alice"));
    }

    [Fact]
    public async Task AcquireHashingAsync_QueueFull_NotAcquired()
    {
        using var throttle = Throttle(new LoginThrottleOptions { ConcurrentHashes = 1, HashQueue = 1 });
        var ct = TestContext.Current.CancellationToken;

        using var first = await throttle.AcquireHashingAsync(ct);
        var queued = throttle.AcquireHashingAsync(ct);
        using var refused = await throttle.AcquireHashingAsync(ct);

        Assert.True(first.IsAcquired);
        Assert.False(queued.IsCompleted);
        Assert.False(refused.IsAcquired);
        first.Dispose();
        using var second = await queued;
        Assert.True(second.IsAcquired);
    }

    private LoginThrottle Throttle(LoginThrottleOptions login) =>
        new(Options.Create(new ThrottleOptions { Login = login }), _time);
}
