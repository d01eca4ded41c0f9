using System.Diagnostics;
using SessionLab.Measurement.Load;

namespace SessionLab.Tests.Measurement.Load;

public sealed class PacerTests
{
    [Fact]
    public async Task Start_ReleasesEachDueTimeInOrderSpacedByTheRateAndNeverEarly()
    {
        var ct = TestContext.Current.CancellationToken;
        var origin = Stopwatch.GetTimestamp();
        var dueTimes = Pacer.Start(count: 20, rate: 500, origin, ct);
        var released = new List<(long Due, long ReadAt)>();

        await foreach (var due in dueTimes.ReadAllAsync(ct))
        {
            released.Add((due, Stopwatch.GetTimestamp()));
        }

        Assert.Equal(20, released.Count);
        Assert.Equal(origin, released[0].Due); // the schedule starts at the caller's t0, so the caller's clock agrees
        var interval = Stopwatch.Frequency / 500.0;
        for (var i = 1; i < released.Count; i++)
        {
            Assert.Equal(interval, released[i].Due - released[i - 1].Due, interval * 0.01);
        }

        Assert.All(released, r => Assert.True(r.ReadAt >= r.Due, "a due time was released early"));
    }

    [Fact]
    public async Task Start_Cancelled_StopsReleasing()
    {
        using var cancel = new CancellationTokenSource();
        var dueTimes = Pacer.Start(count: 1_000_000, rate: 10, Stopwatch.GetTimestamp(), cancel.Token);
        await dueTimes.ReadAsync(TestContext.Current.CancellationToken);

        await cancel.CancelAsync();

        // Completion also waits for unread items: at 10/s at most one more was released before the cancel.
        var after = 0;
        await foreach (var _ in dueTimes.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            after++;
        }

        Assert.InRange(after, 0, 1);
        Assert.True(dueTimes.Completion.IsCompleted);
    }
}
