using System.Diagnostics;

namespace SessionLab.Measurement.Load;

/// <summary>
/// Closed-loop load, as <c>ab -n N -c C</c> or wrk: C workers, each sending its next request as soon as the previous
/// one returns. Measures throughput at a given concurrency. Its latencies are service times: when the server stalls the
/// workers stop sending, so the requests that would have queued meanwhile are never measured (coordinated omission) —
/// use <see cref="OpenLoopGenerator"/> to see latency under a fixed arrival rate.
/// </summary>
public sealed class ClosedLoopGenerator : ILoadGenerator
{
    /// <inheritdoc/>
    public LoadMode Mode => LoadMode.ClosedLoop;

    /// <inheritdoc/>
    public async Task<LoadResult> RunAsync(LoadOptions options, CancellationToken cancellationToken = default)
    {
        LoadOptionsValidation.Validate(options, Mode);
        using var harness = new LoadHarness(options, cancellationToken);
        if (options.WarmupRequests > 0)
        {
            var warmup = RequestBudget.For(options.WarmupRequests, null);
            await harness.WarmUpAsync((sender, recorder) => LoopAsync(sender, recorder, warmup)).ConfigureAwait(false);
        }

        var budget = RequestBudget.For(options.RequestCount, options.Duration);
        var (workers, duration) = await harness.MeasureAsync((sender, recorder) => LoopAsync(sender, recorder, budget), recordServiceTime: false)
            .ConfigureAwait(false);
        return LoadResultBuilder.Build(LoadConfiguration.From(options, Mode, harness.FirstRequest), workers, duration);
    }

    private static async Task LoopAsync(RequestSender sender, WorkerRecorder? recorder, RequestBudget budget)
    {
        while (budget.TryTake())
        {
            var sent = Stopwatch.GetTimestamp();
            var outcome = await sender.SendAsync().ConfigureAwait(false);
            recorder?.Record(outcome, sent, sent, Stopwatch.GetTimestamp());
        }
    }
}
