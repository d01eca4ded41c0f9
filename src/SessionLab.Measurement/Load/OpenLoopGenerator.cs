using System.Diagnostics;

namespace SessionLab.Measurement.Load;

/// <summary>
/// Open-loop load at a constant rate, as wrk2: request <c>i</c> is due at <c>t0 + i / rate</c> whatever happened to
/// the ones before, and is sent by the first of the C workers (connections) that is free. Its latency is measured from
/// that intended time, not from the actual send: when the server falls behind, requests wait for a free connection and
/// that wait is counted — the latency a user arriving at that moment would see (no coordinated omission). A closed loop
/// (<see cref="ClosedLoopGenerator"/>) would instead slow down with the server and report only the service time, which
/// <see cref="LoadResult.ServiceTime"/> gives here too. Waiting for a due time uses the runtime's timers (about 1 ms
/// resolution) rather than spinning on a shared machine, so a send may be up to a timer tick late; like wrk2, that
/// slack is counted in the latency, erring on the pessimistic side.
/// </summary>
public sealed class OpenLoopGenerator : ILoadGenerator
{
    /// <inheritdoc/>
    public LoadMode Mode => LoadMode.OpenLoop;

    /// <inheritdoc/>
    public async Task<LoadResult> RunAsync(LoadOptions options, CancellationToken cancellationToken = default)
    {
        LoadOptionsValidation.Validate(options, Mode);
        var rate = options.Rate!.Value;
        using var harness = new LoadHarness(options, cancellationToken);
        if (options.WarmupRequests > 0)
        {
            var warmup = new Schedule(options.WarmupRequests, rate);
            await harness.WarmUpAsync((sender, recorder) => LoopAsync(sender, recorder, warmup, cancellationToken)).ConfigureAwait(false);
        }

        var schedule = new Schedule(RequestsToSchedule(options, rate), rate);
        var (workers, duration) = await harness.MeasureAsync((sender, recorder) => LoopAsync(sender, recorder, schedule, cancellationToken), recordServiceTime: true)
            .ConfigureAwait(false);
        return LoadResultBuilder.Build(LoadConfiguration.From(options, Mode, harness.FirstRequest), workers, duration);
    }

    private static long RequestsToSchedule(LoadOptions options, double rate)
    {
        var byDuration = options.Duration is { } d ? (long)Math.Ceiling(d.TotalSeconds * rate) : long.MaxValue;
        return Math.Min(options.RequestCount ?? long.MaxValue, Math.Max(byDuration, 1));
    }

    private static async Task LoopAsync(RequestSender sender, WorkerRecorder? recorder, Schedule schedule, CancellationToken cancellationToken)
    {
        while (schedule.TryTakeNext(out var due))
        {
            await WaitUntilAsync(due, cancellationToken).ConfigureAwait(false);
            var sent = Stopwatch.GetTimestamp();
            var outcome = await sender.SendAsync().ConfigureAwait(false);
            recorder?.Record(outcome, due, sent, Stopwatch.GetTimestamp());
        }
    }

    private static async Task WaitUntilAsync(long due, CancellationToken cancellationToken)
    {
        // Never early: a timer may fire before its tick is over, so check again after each wait.
        for (var remaining = due - Stopwatch.GetTimestamp(); remaining > 0; remaining = due - Stopwatch.GetTimestamp())
        {
            var milliseconds = (int)Math.Ceiling(remaining * 1000.0 / Stopwatch.Frequency);
            await Task.Delay(milliseconds, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The due times <c>t0 + i / rate</c>, handed out in order to whichever worker asks first.</summary>
    private sealed class Schedule(long count, double rate)
    {
        private readonly long _start = Stopwatch.GetTimestamp();
        private readonly double _interval = Stopwatch.Frequency / rate;
        private long _next = -1;

        public bool TryTakeNext(out long due)
        {
            var index = Interlocked.Increment(ref _next);
            due = _start + (long)(index * _interval);
            return index < count;
        }
    }
}
