using System.Diagnostics;

namespace SessionLab.Measurement.Load;

/// <summary>
/// How many requests a closed-loop phase may still start: a shared count (one interlocked decrement per request, no
/// lock) and/or a deadline. The deadline starts with the first request taken, not when the budget is made, so a phase
/// never measures for less than its duration (the harness starts its clock before any worker asks).
/// </summary>
internal sealed class RequestBudget
{
    private readonly long _durationTicks;
    private long _deadline;
    private long _remaining;

    private RequestBudget(long? count, TimeSpan? duration)
    {
        _remaining = count ?? long.MaxValue;
        _durationTicks = duration is { } d ? (long)(d.TotalSeconds * Stopwatch.Frequency) : 0;
        _deadline = duration is null ? long.MaxValue : 0;
    }

    public static RequestBudget For(long? count, TimeSpan? duration) => new(count, duration);

    public bool TryTake()
    {
        var now = Stopwatch.GetTimestamp();
        var deadline = Volatile.Read(ref _deadline);
        if (deadline == 0)
        {
            Interlocked.CompareExchange(ref _deadline, now + _durationTicks, 0);
            deadline = Volatile.Read(ref _deadline);
        }

        return now < deadline && Interlocked.Decrement(ref _remaining) >= 0;
    }
}
