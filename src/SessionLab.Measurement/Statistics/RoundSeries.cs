namespace SessionLab.Measurement.Statistics;

/// <summary>
/// One figure (QPS, P50…) of several targets, measured in the same interleaved rounds: <c>null</c> where a target could
/// not be measured in a round. Figures and paired ratios are computed over the rounds that have both sides.
/// </summary>
public sealed record RoundSeries(IReadOnlyDictionary<string, IReadOnlyList<double?>> ByTarget)
{
    public static RoundSeries Empty { get; } = new(new Dictionary<string, IReadOnlyList<double?>>());

    /// <summary>The figure of <paramref name="target"/>: its median over the rounds it was measured in; null if never.</summary>
    public Estimate? Of(string target) =>
        ByTarget.TryGetValue(target, out var rounds) && rounds.OfType<double>().ToList() is { Count: > 0 } measured ? Estimate.OfMedian(measured) : null;

    /// <summary><paramref name="numerator"/> / <paramref name="denominator"/>, paired round by round.</summary>
    public Estimate? Ratio(string numerator, string denominator)
    {
        if (!ByTarget.TryGetValue(numerator, out var a) || !ByTarget.TryGetValue(denominator, out var b))
        {
            return null;
        }

        var pairs = a.Zip(b).Where(p => p.First is not null && p.Second is not null).ToList();
        return Estimate.OfPairedRatio([.. pairs.Select(p => p.First!.Value)], [.. pairs.Select(p => p.Second!.Value)]);
    }

    /// <summary>How <paramref name="first"/> compares with <paramref name="second"/> beyond the noise, with their paired ratio.</summary>
    public (Separation Separation, Estimate? Ratio) Compare(string first, string second) =>
        Of(first) is { } a && Of(second) is { } b && Ratio(first, second) is { } ratio
            ? NoiseAwareComparison.Compare(a, b, ratio)
            : (Separation.Unknown, null);
}
