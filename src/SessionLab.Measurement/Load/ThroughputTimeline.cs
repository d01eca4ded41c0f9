namespace SessionLab.Measurement.Load;

/// <summary>Requests completed in each second of the measured phase, for a throughput-over-time chart.</summary>
/// <param name="Seconds">One entry per second from the start of measurement, gaps included as zeros.</param>
public sealed record ThroughputTimeline(IReadOnlyList<ThroughputSecond> Seconds);

/// <summary>What completed during one second.</summary>
/// <param name="Second">Seconds since measurement began (0 is the first second).</param>
/// <param name="Completed">Requests finished in that second, failed ones included.</param>
/// <param name="Errors">Of those, the ones that failed (non-2xx or transport error).</param>
/// <param name="Refused">
/// Of the errors, those the server answered with a 4xx: refused (the session is gone, a throttle), not a failure of
/// the system. A chart of faults under load shows them apart from <see cref="Failed"/>.
/// </param>
public sealed record ThroughputSecond(int Second, long Completed, long Errors, long Refused = 0)
{
    /// <summary>Errors that were no answer at all or a 5xx: timeouts, resets, refused connections, server errors.</summary>
    public long Failed => Errors - Refused;
}
