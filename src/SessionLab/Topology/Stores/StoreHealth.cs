namespace SessionLab.Topology.Stores;

/// <summary>Waits for a replicated store to report no health problem, polling its own check.</summary>
internal static class StoreHealth
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Polls <paramref name="problem"/> (blocking probes, so on the thread pool) until it returns an empty string; after
    /// <paramref name="timeout"/> fails with the last problem, naming <paramref name="store"/>.
    /// </summary>
    public static async Task WaitAsync(Func<string> problem, string store, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var now = await Task.Run(problem, cancellationToken);
            if (now.Length == 0)
            {
                return;
            }

            if (watch.Elapsed > timeout)
            {
                throw new TopologyException($"{store} was not healthy within {timeout.TotalSeconds:0} s: {now}.");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}
