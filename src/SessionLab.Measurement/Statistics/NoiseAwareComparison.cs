namespace SessionLab.Measurement.Statistics;

/// <summary>How two figures measured in the same rounds compare once noise is taken into account.</summary>
public enum Separation
{
    /// <summary>The first is larger, beyond the noise.</summary>
    FirstLarger,

    /// <summary>The second is larger, beyond the noise.</summary>
    SecondLarger,

    /// <summary>The difference is within the noise of this run.</summary>
    WithinNoise,

    /// <summary>Too few rounds to tell (fewer than two pairs).</summary>
    Unknown,
}

/// <summary>
/// Decides an ordering only beyond the noise: two figures differ when their intervals separate, or when the paired ratio's
/// 95 % interval excludes 1 (a paired t-test at 5 % on the logarithms) — the second catches a steady difference that a
/// drifting machine hides in both intervals.
/// </summary>
public static class NoiseAwareComparison
{
    /// <summary>Compares <paramref name="first"/> with <paramref name="second"/>, both measured in the same rounds.</summary>
    public static (Separation Separation, Estimate? Ratio) Compare(Estimate first, Estimate second) =>
        Estimate.OfPairedRatio(first.Rounds, second.Rounds) is { } ratio ? Compare(first, second, ratio) : (Separation.Unknown, null);

    /// <summary>Compares two figures given their paired ratio (first / second over the rounds both were measured in).</summary>
    public static (Separation Separation, Estimate? Ratio) Compare(Estimate first, Estimate second, Estimate ratio)
    {
        if (!ratio.HasInterval || !first.HasInterval || !second.HasInterval)
        {
            return (Separation.Unknown, ratio);
        }

        if (first.IsAbove(second) || ratio.Low > 1)
        {
            return (Separation.FirstLarger, ratio);
        }

        return second.IsAbove(first) || ratio.High < 1 ? (Separation.SecondLarger, ratio) : (Separation.WithinNoise, ratio);
    }

    /// <summary>Whether a ratio meets a goal of at least <paramref name="goal"/>: yes/no beyond its interval, else null (within noise).</summary>
    public static bool? MeetsAtLeast(Estimate ratio, double goal) =>
        !ratio.HasInterval ? null : ratio.Low >= goal ? true : ratio.High < goal ? false : null;
}
