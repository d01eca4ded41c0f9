using System.Diagnostics;

namespace SessionLab.Measurement.Load;

/// <summary>
/// How many requests a closed-loop phase may still start: a shared count (one interlocked decrement per request, no
/// lock) and/or a deadline.
/// </summary>
internal sealed class RequestBudget
{
    private readonly long _deadline;
    private long _remaining;

    private RequestBudget(long? count, TimeSpan? duration)
    {
        _remaining = count ?? long.MaxValue;
        _deadline = duration is { } d ? Stopwatch.GetTimestamp() + (long)(d.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
    }

    public static RequestBudget For(long? count, TimeSpan? duration) => new(count, duration);

    public bool TryTake() => Stopwatch.GetTimestamp() < _deadline && Interlocked.Decrement(ref _remaining) >= 0;
}
