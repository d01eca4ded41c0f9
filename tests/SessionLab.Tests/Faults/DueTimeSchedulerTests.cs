using System.Diagnostics;
using SessionLab.Faults;

namespace SessionLab.Tests.Faults;

/// <summary>The latency proxy's clock: never early, in due order whatever the order of asking, and no wait outlives it.</summary>
public sealed class DueTimeSchedulerTests
{
    [Fact]
    public async Task WaitUntilAsync_CompletesNoEarlierThanDue()
    {
        using var clock = new DueTimeScheduler("test-clock");

        for (var i = 0; i < 20; i++)
        {
            var due = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 1000; // 1 ms
            await clock.WaitUntilAsync(due);

            Assert.True(Stopwatch.GetTimestamp() >= due);
        }
    }

    [Fact]
    public async Task WaitUntilAsync_AnEarlierWaiterAskingLater_IsWokenFirst()
    {
        using var clock = new DueTimeScheduler("test-clock");
        var now = Stopwatch.GetTimestamp();

        var late = clock.WaitUntilAsync(now + Stopwatch.Frequency * 2);
        var early = clock.WaitUntilAsync(now + Stopwatch.Frequency / 50);
        await early;

        Assert.False(late.IsCompleted);
    }

    [Fact]
    public async Task WaitUntilAsync_DueInThePast_CompletesAtOnce()
    {
        using var clock = new DueTimeScheduler("test-clock");

        await clock.WaitUntilAsync(Stopwatch.GetTimestamp() - Stopwatch.Frequency).WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Dispose_CancelsPendingWaits_AndRefusesNewOnes()
    {
        var clock = new DueTimeScheduler("test-clock");
        var pending = clock.WaitUntilAsync(Stopwatch.GetTimestamp() + Stopwatch.Frequency * 60);

        clock.Dispose();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        Assert.True(clock.WaitUntilAsync(Stopwatch.GetTimestamp() + Stopwatch.Frequency).IsCanceled);
    }
}
