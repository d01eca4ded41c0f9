namespace SessionLab.Measurement.Statistics;

/// <summary>
/// One figure measured in several rounds: its central value, a 95 % confidence interval and every round's value, so a
/// report can say how far the figure can be trusted and results.json keeps what it came from.
/// </summary>
/// <param name="Value">The figure: the median of the rounds (or, for a ratio, the geometric mean of per-round ratios).</param>
/// <param name="Low">Lower end of the 95 % interval; equal to <paramref name="Value"/> when one round gives no interval.</param>
/// <param name="High">Upper end of the 95 % interval.</param>
/// <param name="Method">How the interval was made: <c>bootstrap-median</c>, <c>t-log-ratio</c> or <c>single</c>.</param>
/// <param name="Rounds">Each round's value, in round order.</param>
public sealed record Estimate(double Value, double Low, double High, string Method, IReadOnlyList<double> Rounds)
{
    /// <summary>Resamples of the bootstrap: enough for stable 2.5 %/97.5 % percentiles.</summary>
    private const int Resamples = 4_000;

    /// <summary>Whether there is an interval at all (two rounds or more).</summary>
    public bool HasInterval => Rounds.Count >= 2;

    /// <summary>Half the interval's width relative to the value, e.g. 0.04 for ±4 %; infinite without an interval.</summary>
    public double RelativeHalfWidth => HasInterval && Value != 0 ? (High - Low) / 2 / Math.Abs(Value) : double.PositiveInfinity;

    /// <summary>Whether this interval lies wholly above <paramref name="other"/>'s.</summary>
    public bool IsAbove(Estimate other) => HasInterval && other.HasInterval && Low > other.High;

    /// <summary>
    /// The median of the rounds with a percentile-bootstrap interval of the median: robust to one disturbed round
    /// (a noisy neighbour, a GC), and making no assumption about the rounds' distribution. The resampling is seeded, so
    /// the same rounds always give the same interval.
    /// </summary>
    public static Estimate OfMedian(IReadOnlyList<double> rounds)
    {
        ArgumentOutOfRangeException.ThrowIfZero(rounds.Count);
        var median = Median(rounds);
        if (rounds.Count == 1)
        {
            return new(median, median, median, "single", [.. rounds]);
        }

        var random = new Random(20_241_201);
        var medians = new double[Resamples];
        var sample = new double[rounds.Count];
        for (var b = 0; b < Resamples; b++)
        {
            for (var i = 0; i < sample.Length; i++)
            {
                sample[i] = rounds[random.Next(rounds.Count)];
            }

            medians[b] = Median(sample);
        }

        Array.Sort(medians);
        return new(median, medians[(int)(0.025 * (Resamples - 1))], medians[(int)Math.Ceiling(0.975 * (Resamples - 1))], "bootstrap-median", [.. rounds]);
    }

    /// <summary>
    /// The ratio of two figures measured in the same rounds (paired): the geometric mean of the per-round ratios with a
    /// Student-t interval on their logarithms. Pairing cancels what drifts between rounds (the machine's load), so a
    /// ratio is known more tightly than either figure alone. Rounds where either side is not positive are left out.
    /// </summary>
    public static Estimate? OfPairedRatio(IReadOnlyList<double> numerator, IReadOnlyList<double> denominator)
    {
        var logs = numerator.Zip(denominator).Where(p => p.First > 0 && p.Second > 0).Select(p => Math.Log(p.First / p.Second)).ToList();
        var ratios = logs.Select(Math.Exp).ToList();
        if (logs.Count == 0)
        {
            return null;
        }

        var mean = logs.Average();
        if (logs.Count == 1)
        {
            return new(Math.Exp(mean), Math.Exp(mean), Math.Exp(mean), "single", ratios);
        }

        var sd = Math.Sqrt(logs.Sum(l => (l - mean) * (l - mean)) / (logs.Count - 1));
        var half = StudentT.Quantile975(logs.Count - 1) * sd / Math.Sqrt(logs.Count);
        return new(Math.Exp(mean), Math.Exp(mean - half), Math.Exp(mean + half), "t-log-ratio", ratios);
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
