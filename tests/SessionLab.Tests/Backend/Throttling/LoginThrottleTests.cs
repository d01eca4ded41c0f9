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
    public void TryReserve_GuesserSpentItsBudget_RefusedWhileTheTargetedUserElsewhereIsNot()
    {
        using var throttle = Throttle(new LoginThrottleOptions { ClientBurst = 3, UserBurst = 10, RefillInterval = TimeSpan.FromSeconds(6) });

        for (var i = 0; i < 3; i++)
        {
            Assert.Null(throttle.TryReserve(Guesser, "alice", knownDevice: false)); // each wrong password keeps its reservation
        }

        Assert.Equal(6, throttle.TryReserve(Guesser, "alice", knownDevice: false));
        Assert.Equal(6, throttle.TryReserve(Guesser, "bob", knownDevice: false));
        Assert.Null(throttle.TryReserve(User, "alice", knownDevice: false));
    }

    [Fact]
    public void TryReserve_ConcurrentAttempts_NeverMoreThanTheBudgetAtOnce()
    {
        // The review's race: checking first and charging after the hash let 60 concurrent guesses through a budget of 10.
        using var throttle = Throttle(new LoginThrottleOptions { ClientBurst = 10, UserBurst = 100 });

        var admitted = 0;
        Parallel.For(0, 60, _ =>
        {
            if (throttle.TryReserve(Guesser, "bob", knownDevice: false) is null)
            {
                Interlocked.Increment(ref admitted);
            }
        });

        Assert.Equal(10, admitted);
    }

    [Fact]
    public void Release_RightPasswords_NeverSpendTheBudget()
    {
        using var throttle = Throttle(new LoginThrottleOptions { ClientBurst = 2, UserBurst = 2 });

        for (var i = 0; i < 50; i++)
        {
            Assert.Null(throttle.TryReserve(User, "alice", knownDevice: false));
            throttle.Release(User, "alice", knownDevice: false);
        }
    }

    [Fact]
    public void TryReserve_UsernameSpentFromManyAddresses_RefusedExceptForAKnownDevice()
    {
        using var throttle = Throttle(new LoginThrottleOptions { ClientBurst = 3, UserBurst = 5 });

        for (var i = 0; i < 5; i++)
        {
            Assert.Null(throttle.TryReserve(IPAddress.Parse($"10.1.{i}.1"), "alice", knownDevice: false));
        }

        Assert.NotNull(throttle.TryReserve(User, "alice", knownDevice: false));
        Assert.Null(throttle.TryReserve(User, "bob", knownDevice: false));
        Assert.Null(throttle.TryReserve(User, "alice", knownDevice: true));
    }

    [Fact]
    public void TryReserve_UsernameSpent_TakesNothingFromTheClient()
    {
        using var throttle = Throttle(new LoginThrottleOptions { ClientBurst = 2, UserBurst = 1 });
        Assert.Null(throttle.TryReserve(Guesser, "alice", knownDevice: false));

        for (var i = 0; i < 5; i++)
        {
            Assert.NotNull(throttle.TryReserve(User, "alice", knownDevice: false));
        }

        Assert.Null(throttle.TryReserve(User, "bob", knownDevice: false));
    }

    [Fact]
    public void TryReserve_ExemptClient_OnlyTheUsernameBudgetApplies()
    {
        using var throttle = Throttle(new LoginThrottleOptions { ClientBurst = 1, UserBurst = 3 });

        for (var i = 0; i < 3; i++)
        {
            Assert.Null(throttle.TryReserve(null, "alice", knownDevice: false));
        }

        Assert.NotNull(throttle.TryReserve(null, "alice", knownDevice: false));
    }

    [Fact]
    public void TryReserve_Disabled_NeverRefuses()
    {
        using var throttle = Throttle(new LoginThrottleOptions { Enabled = false, ClientBurst = 1 });

        Assert.Null(throttle.TryReserve(Guesser, "alice", knownDevice: false));
        Assert.Null(throttle.TryReserve(Guesser, "alice", knownDevice: false));
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
