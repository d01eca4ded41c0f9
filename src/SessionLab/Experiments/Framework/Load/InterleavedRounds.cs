using SessionLab.Measurement.Statistics;

namespace SessionLab.Experiments.Framework.Load;

/// <summary>
/// Measures every target once per round, in an order rotated each round, so whatever drifts on a noisy machine (a
/// neighbour's load, thermal limits, a GC) hits all targets alike, and figures of one round can be paired.
/// </summary>
internal static class InterleavedRounds
{
    /// <summary>The order of <paramref name="items"/> in round <paramref name="round"/>: rotated by one per round.</summary>
    public static IReadOnlyList<T> Order<T>(IReadOnlyList<T> items, int round)
    {
        if (items.Count == 0)
        {
            return [];
        }

        var shift = round % items.Count;
        return [.. items.Skip(shift), .. items.Take(shift)];
    }

    /// <summary>Runs <paramref name="measure"/> for every target in every round; a null result is a round not measured.</summary>
    public static async Task<IReadOnlyList<RoundRun<TResult>>> RunAsync<TResult>(
        ExperimentContext context,
        IReadOnlyList<PerformanceTarget> targets,
        int rounds,
        Func<PerformanceTarget, int, CancellationToken, Task<TResult?>> measure,
        CancellationToken cancellationToken)
        where TResult : class
    {
        var runs = new List<RoundRun<TResult>>();
        for (var round = 0; round < rounds; round++)
        {
            var order = Order(targets, round);
            context.Step($"round {round + 1} of {rounds}: {string.Join(", ", order.Select(t => t.Name))}");
            foreach (var target in order)
            {
                runs.Add(new RoundRun<TResult>(target.Name, round, await measure(target, round, cancellationToken)));
            }
        }

        return runs;
    }

    /// <summary>One figure per target and round (null where not measured), for estimates and paired ratios.</summary>
    public static RoundSeries Series<TResult>(IReadOnlyList<RoundRun<TResult>> runs, int rounds, Func<TResult, double?> figure)
        where TResult : class =>
        new(runs.GroupBy(r => r.Target, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<double?>)[.. Enumerable.Range(0, rounds).Select(round => g.FirstOrDefault(r => r.Round == round)?.Result is { } result ? figure(result) : null)],
            StringComparer.Ordinal));
}

/// <summary>What one target gave in one round (null: not measured).</summary>
internal sealed record RoundRun<TResult>(string Target, int Round, TResult? Result)
    where TResult : class;
