using System.Diagnostics;
using System.Threading.Channels;

namespace SessionLab.Measurement.Load;

/// <summary>
/// Releases the due times <c>t0 + i / rate</c> of an open-loop run, each no earlier than its time, to whichever worker
/// reads first. One dedicated thread sleeps between them with <see cref="PreciseSleep"/> (nanosleep), because
/// <see cref="Task.Delay(int)"/> rides the runtime's coarse tick (about 4 ms on a 250 Hz kernel) and would make every
/// send that late. It never spins (the machine may be shared), so a release is late by the kernel's wake-up time, tens
/// of microseconds when the machine is idle.
/// </summary>
internal static class Pacer
{
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    /// <summary>Releases <paramref name="count"/> due times from <paramref name="origin"/> (a <see cref="Stopwatch"/> timestamp), the caller's t0, so its clock and the schedule agree.</summary>
    public static ChannelReader<long> Start(long count, double rate, long origin, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleWriter = true });
        var thread = new Thread(() => Release(channel.Writer, count, rate, origin, cancellationToken))
        {
            IsBackground = true,
            Name = "open-loop pacer",
        };
        thread.Start();
        return channel.Reader;
    }

    private static void Release(ChannelWriter<long> writer, long count, double rate, long start, CancellationToken cancellationToken)
    {
        var interval = Stopwatch.Frequency / rate;
        for (var i = 0L; i < count; i++)
        {
            var due = start + (long)(i * interval);
            SleepUntil(due, cancellationToken);
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            writer.TryWrite(due);
        }

        // On cancellation the workers stop on their own token; completing just lets idle readers finish.
        writer.TryComplete();
    }

    private static void SleepUntil(long due, CancellationToken cancellationToken)
    {
        for (var remaining = due - Stopwatch.GetTimestamp(); remaining > 0 && !cancellationToken.IsCancellationRequested; remaining = due - Stopwatch.GetTimestamp())
        {
            // At most 10 ms per sleep so a cancelled run is noticed promptly.
            PreciseSleep.For((long)Math.Min(remaining * NanosecondsPerTick, 10_000_000));
        }
    }
}
