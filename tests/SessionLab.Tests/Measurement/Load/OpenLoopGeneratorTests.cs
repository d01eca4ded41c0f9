using SessionLab.Measurement.Load;

namespace SessionLab.Tests.Measurement.Load;

public sealed class OpenLoopGeneratorTests(TinyServer server) : IClassFixture<TinyServer>
{
    private readonly OpenLoopGenerator _generator = new();

    private LoadOptions Options(string path, int concurrency, double rate, long count) => new()
    {
        Target = server.BaseAddress,
        Request = new RequestTemplate(path),
        Concurrency = concurrency,
        Rate = rate,
        RequestCount = count,
    };

    [Fact]
    public async Task RunAsync_RateAboveCapacity_LatencyFromIntendedTimeGrowsPastServiceTime()
    {
        // One connection to a 50 ms endpoint serves at most 20/s; 50 requests are due within 0.5 s at 100/s, so the
        // last one waits for the 49 before it: about 2 s late however noisy the machine.
        var result = await _generator.RunAsync(Options("/slow", 1, 100, 50), TestContext.Current.CancellationToken);

        Assert.Equal(50, result.Successes);
        Assert.NotNull(result.ServiceTime);
        Assert.True(result.ServiceTime.P50Ms >= 49, $"service P50 {result.ServiceTime.P50Ms} ms");
        Assert.True(result.Latency.MaxMs > 1500, $"latency max {result.Latency.MaxMs} ms");
        Assert.True(result.Latency.P90Ms > 4 * result.ServiceTime.P90Ms, $"latency P90 {result.Latency.P90Ms} ms vs service P90 {result.ServiceTime.P90Ms} ms");
        Assert.Equal(LoadMode.OpenLoop, result.Configuration.Mode);
        Assert.Equal(100, result.Configuration.Rate);
    }

    [Fact]
    public async Task RunAsync_RateBelowCapacity_NeverRunsAheadOfTheSchedule()
    {
        server.ResetCounters();

        // 20 requests at 40/s: the last is due 0.475 s after the start, so the run cannot be shorter.
        var result = await _generator.RunAsync(Options("/ok", 2, 40, 20) with { WarmupRequests = 5 }, TestContext.Current.CancellationToken);

        Assert.Equal(20, result.TotalRequests);
        Assert.Equal(20, result.Latency.Count);
        Assert.Equal(25, server.Requests);
        Assert.True(result.DurationSeconds >= 0.47, $"took {result.DurationSeconds} s");
        Assert.True(result.Latency.MinMs >= 0);
    }

    [Fact]
    public async Task RunAsync_Duration_SchedulesRateTimesDuration()
    {
        var options = Options("/ok", 2, 50, 0) with { RequestCount = null, Duration = TimeSpan.FromMilliseconds(400) };

        var result = await _generator.RunAsync(options, TestContext.Current.CancellationToken);

        Assert.Equal(20, result.TotalRequests);
    }

    [Fact]
    public async Task RunAsync_WithoutRate_IsRejected() =>
        await Assert.ThrowsAsync<ArgumentException>(() =>
            _generator.RunAsync(Options("/ok", 1, 1, 1) with { Rate = null }, TestContext.Current.CancellationToken));
}
