using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SessionLab.Backend.Sessions;

namespace SessionLab.Backend.Sticky;

/// <summary>Frees expired in-memory sessions that nobody reads again (reads already drop the expired ones they meet).</summary>
internal sealed partial class SessionSweeper(
    InMemorySessionStore store,
    IOptions<SessionOptions> options,
    TimeProvider time,
    ILogger<SessionSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(IntervalFor(options.Value), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var removed = store.RemoveExpired();
                if (removed > 0)
                {
                    LogSwept(removed, store.Count);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    internal static TimeSpan IntervalFor(SessionOptions options) =>
        options.SweepInterval ?? TimeSpan.FromTicks(Math.Clamp(options.Ttl.Ticks / 10, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Swept {Removed} expired sessions; {Remaining} remain")]
    private partial void LogSwept(int removed, int remaining);
}
