using System.Diagnostics;
using System.Threading.Channels;

namespace SessionLab.Measurement.Load;

/// <summary>
/// Open-loop load at a constant rate, as wrk2: request <c>i</c> is due at <c>t0 + i / rate</c> whatever happened to
/// the ones before, and is sent by the first of the C workers (connections) that is free. Its latency is measured from
/// that intended time, not from the actual send: when the server falls behind, requests wait for a free connection and
/// that wait is counted — the latency a user arriving at that moment would see (no coordinated omission). A closed loop
/// (<see cref="ClosedLoopGenerator"/>) would instead slow down with the server and report only the service time, which
/// <see cref="LoadResult.ServiceTime"/> gives here too. Due times are released by a sleeping (not spinning) pacer
/// thread, so a send may be up to about a millisecond late; like wrk2, that slack counts as latency, erring on the
/// pessimistic side.
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
            var warmup = Pacer.Start(options.WarmupRequests, rate, Stopwatch.GetTimestamp(), cancellationToken);
            await harness.WarmUpAsync((sender, recorder) => LoopAsync(sender, recorder, warmup, cancellationToken)).ConfigureAwait(false);
        }

        var origin = Stopwatch.GetTimestamp();
        var dueTimes = Pacer.Start(RequestsToSchedule(options, rate), rate, origin, cancellationToken);
        var (workers, duration) = await harness.MeasureAsync((sender, recorder) => LoopAsync(sender, recorder, dueTimes, cancellationToken), recordServiceTime: true, origin)
            .ConfigureAwait(false);
        return LoadResultBuilder.Build(LoadConfiguration.From(options, Mode, harness.FirstRequest), workers, duration);
    }

    private static long RequestsToSchedule(LoadOptions options, double rate)
    {
        var byDuration = options.Duration is { } d ? (long)Math.Ceiling(d.TotalSeconds * rate) : long.MaxValue;
        return Math.Min(options.RequestCount ?? long.MaxValue, Math.Max(byDuration, 1));
    }

    private static async Task LoopAsync(RequestSender sender, WorkerRecorder? recorder, ChannelReader<long> dueTimes, CancellationToken cancellationToken)
    {
        while (await dueTimes.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (dueTimes.TryRead(out var due))
            {
                var sent = Stopwatch.GetTimestamp();
                var outcome = await sender.SendAsync().ConfigureAwait(false);
                recorder?.Record(outcome, due, sent, Stopwatch.GetTimestamp());
            }
        }
    }
}
