namespace SessionLab.Experiments.Jwt;

/// <summary>Mean and percentiles (linear interpolation between closest ranks) of a latency sample.</summary>
internal static class LatencyStats
{
    public static double Mean(IReadOnlyCollection<double> samples) => samples.Count == 0 ? double.NaN : samples.Average();

    public static double Median(IReadOnlyCollection<double> samples) => Percentile(samples, 50);

    public static double Percentile(IReadOnlyCollection<double> samples, double percentile)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        var rank = percentile / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
