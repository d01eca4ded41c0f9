using SessionLab.Measurement.Statistics;

namespace SessionLab.Measurement.Load;

/// <summary>Merges the workers' recorders into one <see cref="LoadResult"/>.</summary>
internal static class LoadResultBuilder
{
    public static LoadResult Build(LoadConfiguration configuration, IReadOnlyList<WorkerRecorder> workers, TimeSpan duration)
    {
        var latency = new LatencyHistogram(workers[0].Latency.HighestTrackableValue);
        var service = workers[0].ServiceTime is null ? null : new LatencyHistogram(latency.HighestTrackableValue);
        var failures = new Dictionary<string, long>();
        long total = 0, successes = 0;
        var seconds = 0;
        foreach (var worker in workers)
        {
            latency.Add(worker.Latency);
            if (worker.ServiceTime is not null)
            {
                service?.Add(worker.ServiceTime);
            }

            total += worker.Total;
            successes += worker.Successes;
            seconds = Math.Max(seconds, worker.SecondsSeen);
            foreach (var (kind, count) in worker.Failures)
            {
                failures[kind] = failures.GetValueOrDefault(kind) + count;
            }
        }

        var timeline = new List<ThroughputSecond>(seconds);
        for (var second = 0; second < seconds; second++)
        {
            long completed = 0, errors = 0, refused = 0;
            foreach (var worker in workers)
            {
                completed += worker.CompletedIn(second);
                errors += worker.ErrorsIn(second);
                refused += worker.RefusedIn(second);
            }

            timeline.Add(new ThroughputSecond(second, completed, errors, refused));
        }

        var elapsed = Math.Max(duration.TotalSeconds, double.Epsilon);
        return new LoadResult(
            configuration,
            total,
            successes,
            failures.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal)
                .ToDictionary(pair => pair.Key, pair => pair.Value),
            duration.TotalSeconds,
            successes / elapsed,
            total / elapsed,
            LatencySummaries.From(latency),
            service is null ? null : LatencySummaries.From(service),
            new ThroughputTimeline(timeline));
    }
}
