using System.Diagnostics;

namespace SessionLab.Faults;

/// <summary>
/// Wakes waiters at a <see cref="Stopwatch"/> timestamp with about 0.1 ms of lateness, where <see cref="Task.Delay(TimeSpan)"/>
/// is several milliseconds late on Linux: the timer queue behind it counts <see cref="Environment.TickCount64"/>, a coarse
/// clock that advances in 4 ms jiffies on a typical kernel, so a 1 ms delay became about 4 ms. One dedicated thread sleeps
/// in <see cref="Monitor.Wait(object, int)"/>, which waits on a fine clock, until the earliest waiter is due.
/// </summary>
internal sealed class DueTimeScheduler : IDisposable
{
    // A plain object, not System.Threading.Lock: Monitor.Wait and Pulse need a monitor.
    private readonly object _gate = new();
    private readonly PriorityQueue<TaskCompletionSource, long> _waiting = new();
    private bool _stopped;

    public DueTimeScheduler(string threadName)
    {
        var thread = new Thread(Run) { IsBackground = true, Name = threadName };
        thread.Start();
    }

    /// <summary>
    /// Completes at or after <paramref name="due"/> (a <see cref="Stopwatch.GetTimestamp"/> value), on the thread pool;
    /// cancelled if the scheduler is disposed first. Not cancellable on its own: a wait never outlasts its due time.
    /// </summary>
    public Task WaitUntilAsync(long due)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_stopped)
            {
                return Task.FromCanceled(new CancellationToken(canceled: true));
            }

            _waiting.Enqueue(waiter, due);
            if (_waiting.TryPeek(out var first, out _) && ReferenceEquals(first, waiter))
            {
                // The thread sleeps until a later waiter, or indefinitely: wake it to sleep for this one instead.
                Monitor.Pulse(_gate);
            }
        }

        return waiter.Task;
    }

    /// <summary>Stops the thread and cancels every pending wait, so nobody waits out a long delay on shutdown.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            Monitor.Pulse(_gate);
        }
    }

    private void Run()
    {
        lock (_gate)
        {
            while (!_stopped)
            {
                if (!_waiting.TryPeek(out var first, out var due))
                {
                    Monitor.Wait(_gate);
                    continue;
                }

                var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (remaining <= TimeSpan.Zero)
                {
                    _waiting.Dequeue();
                    first.TrySetResult(); // continuations run on the pool, not under this lock
                    continue;
                }

                // Whole milliseconds, rounded up so nobody is woken early; a wait cut short by a pulse just looks again.
                Monitor.Wait(_gate, (int)Math.Min(Math.Ceiling(remaining.TotalMilliseconds), int.MaxValue));
            }

            while (_waiting.TryDequeue(out var waiter, out _))
            {
                waiter.TrySetCanceled();
            }
        }
    }
}
