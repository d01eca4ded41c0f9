using SessionLab.Measurement.Load;

namespace SessionLab.Tests.Measurement.Load;

public sealed class ClosedLoopGeneratorTests(TinyServer server) : IClassFixture<TinyServer>
{
    private readonly ClosedLoopGenerator _generator = new();

    private LoadOptions Options(string path, int concurrency, long count) => new()
    {
        Target = server.BaseAddress,
        Request = new RequestTemplate(path),
        Concurrency = concurrency,
        RequestCount = count,
    };

    [Fact]
    public async Task RunAsync_CountWithWarmup_RecordsExactlyTheCountAndSendsBoth()
    {
        server.ResetCounters();

        var result = await _generator.RunAsync(Options("/ok", 4, 200) with { WarmupRequests = 30 }, TestContext.Current.CancellationToken);

        Assert.Equal(200, result.TotalRequests);
        Assert.Equal(200, result.Successes);
        Assert.Empty(result.FailuresByKind);
        Assert.Equal(200, result.Latency.Count);
        Assert.Equal(200, result.Timeline.Seconds.Sum(s => s.Completed));
        Assert.Equal(230, server.Requests);
        Assert.True(result.SuccessesPerSecond > 0);
        Assert.Equal(result.RequestsPerSecond, result.SuccessesPerSecond);
        Assert.Null(result.ServiceTime);
        Assert.Equal(LoadMode.ClosedLoop, result.Configuration.Mode);
        Assert.Equal(new Uri(server.BaseAddress, "/ok").ToString(), result.Configuration.Url);
        Assert.Equal(30, result.Configuration.WarmupRequests);
    }

    [Fact]
    public async Task RunAsync_ServiceUnavailable_CountsEachAs503WithLatency()
    {
        var result = await _generator.RunAsync(Options("/fail", 2, 40), TestContext.Current.CancellationToken);

        Assert.Equal(40, result.TotalRequests);
        Assert.Equal(0, result.Successes);
        Assert.Equal(40, result.Failures);
        Assert.Equal(new Dictionary<string, long> { ["503"] = 40 }, result.FailuresByKind);
        Assert.Equal(40, result.Latency.Count);
        Assert.Equal(40, result.Timeline.Seconds.Sum(s => s.Errors));
        Assert.Equal(40, result.Timeline.Seconds.Sum(s => s.Failed));
        Assert.Equal(0, result.Timeline.Seconds.Sum(s => s.Refused));
        Assert.Equal(0, result.SuccessesPerSecond);
    }

    [Fact]
    public async Task RunAsync_Unauthorized_CountsEachAsRefusedNotFailed()
    {
        var result = await _generator.RunAsync(Options("/refuse", 2, 40), TestContext.Current.CancellationToken);

        Assert.Equal(new Dictionary<string, long> { ["401"] = 40 }, result.FailuresByKind);
        Assert.Equal(40, result.Timeline.Seconds.Sum(s => s.Errors));
        Assert.Equal(40, result.Timeline.Seconds.Sum(s => s.Refused));
        Assert.Equal(0, result.Timeline.Seconds.Sum(s => s.Failed));
    }

    [Fact]
    public async Task RunAsync_ClosedPort_CountsConnectionRefusedWithoutLatency()
    {
        var options = Options("/ok", 1, 5) with { Target = new Uri($"http://127.0.0.1:{FreePort.Find()}") };

        var result = await _generator.RunAsync(options, TestContext.Current.CancellationToken);

        Assert.Equal(5, result.TotalRequests);
        Assert.Equal(new Dictionary<string, long> { [ErrorKinds.ConnectionRefused] = 5 }, result.FailuresByKind);
        Assert.Equal(0, result.Latency.Count);
    }

    [Fact]
    public async Task RunAsync_ShorterTimeoutThanTheServer_CountsTimeouts()
    {
        var options = Options("/slow", 1, 3) with { RequestTimeout = TimeSpan.FromMilliseconds(10) };

        var result = await _generator.RunAsync(options, TestContext.Current.CancellationToken);

        Assert.Equal(new Dictionary<string, long> { [ErrorKinds.Timeout] = 3 }, result.FailuresByKind);
    }

    [Fact]
    public async Task RunAsync_SlowEndpoint_PercentilesAreAtLeastTheServiceDelayAndOrdered()
    {
        var result = await _generator.RunAsync(Options("/slow", 4, 24), TestContext.Current.CancellationToken);

        var latency = result.Latency;
        Assert.Equal(24, latency.Count);

        // The server waits 50 ms with Task.Delay, whose millisecond clock may end a wait a hair early.
        Assert.True(latency.P50Ms >= 49, $"P50 {latency.P50Ms} ms");
        Assert.True(latency.MinMs <= latency.P50Ms && latency.P50Ms <= latency.P90Ms && latency.P90Ms <= latency.P99Ms
            && latency.P99Ms <= latency.P999Ms && latency.P999Ms <= latency.MaxMs);
        Assert.InRange(latency.MeanMs, latency.MinMs, latency.MaxMs);
        Assert.Equal(latency.MaxMs, latency.Distribution[^1].ValueMs);
    }

    [Fact]
    public async Task RunAsync_Concurrency_ServerNeverSeesMoreThanCAtOnce()
    {
        server.ResetCounters();

        var result = await _generator.RunAsync(Options("/concurrent", 3, 45), TestContext.Current.CancellationToken);

        Assert.Equal(45, result.Successes);
        Assert.InRange(server.MaxInFlight, 2, 3);
    }

    [Fact]
    public async Task RunAsync_Duration_MeasuresForAboutThatLong()
    {
        var options = new LoadOptions { Target = server.BaseAddress, Request = new RequestTemplate("/ok"), Concurrency = 2, Duration = TimeSpan.FromMilliseconds(500) };

        var result = await _generator.RunAsync(options, TestContext.Current.CancellationToken);

        Assert.True(result.TotalRequests > 0);
        Assert.InRange(result.DurationSeconds, 0.5, 10);
        Assert.Equal(result.TotalRequests, result.Timeline.Seconds.Sum(s => s.Completed));
        Assert.Null(result.Configuration.RequestCount);
        Assert.Equal(0.5, result.Configuration.DurationSeconds);
    }

    [Fact]
    public async Task RunAsync_RequestPerWorker_EachWorkerSendsItsOwnCredentials()
    {
        var workersAsked = new List<int>();
        var options = Options("/echo-auth", 3, 30) with
        {
            RequestPerWorker = worker =>
            {
                lock (workersAsked)
                {
                    workersAsked.Add(worker);
                }

                return new RequestTemplate("/echo-auth").WithBearer($"token-{worker}");
            },
        };

        var withToken = await _generator.RunAsync(options, TestContext.Current.CancellationToken);
        var without = await _generator.RunAsync(Options("/echo-auth", 1, 5), TestContext.Current.CancellationToken);

        Assert.Equal([0, 1, 2], workersAsked.Order());
        Assert.Equal(30, withToken.Successes);
        Assert.Equal(new Dictionary<string, long> { ["401"] = 5 }, without.FailuresByKind);
    }

    [Fact]
    public async Task RunAsync_WorkerFactoryThrows_PropagatesBeforeAnyRequest()
    {
        server.ResetCounters();
        var options = Options("/ok", 3, 10) with
        {
            RequestPerWorker = worker => worker < 2 ? new RequestTemplate("/ok") : throw new InvalidOperationException("no session for worker 2"),
        };

        await Assert.ThrowsAsync<InvalidOperationException>(() => _generator.RunAsync(options, TestContext.Current.CancellationToken));
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task RunAsync_RateOrNoStop_IsRejected()
    {
        var ct = TestContext.Current.CancellationToken;
        await Assert.ThrowsAsync<ArgumentException>(() => _generator.RunAsync(Options("/ok", 1, 1) with { Rate = 10 }, ct));
        await Assert.ThrowsAsync<ArgumentException>(() => _generator.RunAsync(Options("/ok", 1, 1) with { RequestCount = null }, ct));
        await Assert.ThrowsAsync<ArgumentException>(() => _generator.RunAsync(Options("/ok", 0, 1), ct));
    }
}
