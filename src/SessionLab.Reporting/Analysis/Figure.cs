namespace SessionLab.Reporting.Analysis;

/// <summary>
/// A measured number with the text the report shows for it, and its 95 % interval when it was measured in rounds
/// (null for figures of older results or of single measurements).
/// </summary>
internal sealed record Figure(double Value, string Text, double? Low = null, double? High = null)
{
    /// <summary>Whether this and <paramref name="other"/> differ beyond both intervals; null when either lacks one.</summary>
    public bool? DiffersBeyondNoise(Figure other) =>
        Low is { } low && High is { } high && other.Low is { } otherLow && other.High is { } otherHigh ? low > otherHigh || otherLow > high : null;
}
