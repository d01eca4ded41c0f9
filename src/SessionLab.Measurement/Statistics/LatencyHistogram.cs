using System.Numerics;

namespace SessionLab.Measurement.Statistics;

/// <summary>
/// A High Dynamic Range histogram of non-negative integers (the lab records latencies in <see cref="TimeSpan"/>
/// ticks of 100 ns) with three significant digits: values below 2048 are counted exactly and larger ones within 0.1%,
/// up to a fixed highest trackable value, in constant memory and constant time per record.
/// </summary>
/// <remarks>
/// The bucketing is Gil Tene's HdrHistogram (log-linear: each power-of-two bucket is split into 1024 linear
/// sub-buckets). It lives here rather than as the HdrHistogram package because Garnet, in the same executable, ships a
/// fork under the same assembly name. Not thread-safe: each load worker owns one and they are merged after the run.
/// </remarks>
internal sealed class LatencyHistogram
{
    // 2 * 10^3 rounded up to a power of two: enough sub-buckets for three significant digits.
    private const int SubBucketHalfCountMagnitude = 10;
    private const int SubBucketHalfCount = 1 << SubBucketHalfCountMagnitude;
    private const int SubBucketCount = SubBucketHalfCount * 2;
    private const long SubBucketMask = SubBucketCount - 1;
    private const int LeadingZeroCountBase = 64 - SubBucketHalfCountMagnitude - 1;

    private readonly long[] _counts;
    private long _sum;

    public LatencyHistogram(long highestTrackableValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(highestTrackableValue, SubBucketCount);
        HighestTrackableValue = highestTrackableValue;
        var bucketCount = 1;
        for (var smallestUntrackable = (long)SubBucketCount; smallestUntrackable <= highestTrackableValue; smallestUntrackable <<= 1)
        {
            bucketCount++;
        }

        _counts = new long[(bucketCount + 1) * SubBucketHalfCount];
    }

    public long HighestTrackableValue { get; }

    public long TotalCount { get; private set; }

    /// <summary>Values above <see cref="HighestTrackableValue"/>, recorded as that value so they still count.</summary>
    public long ClampedCount { get; private set; }

    public long Min { get; private set; } = long.MaxValue;

    public long Max { get; private set; }

    public double Mean => TotalCount == 0 ? 0 : (double)_sum / TotalCount;

    public void Record(long value)
    {
        if (value < 0)
        {
            value = 0;
        }
        else if (value > HighestTrackableValue)
        {
            value = HighestTrackableValue;
            ClampedCount++;
        }

        _counts[IndexOf(value)]++;
        TotalCount++;
        _sum += value;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
    }

    /// <summary>Adds another histogram's counts (same highest trackable value) into this one.</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._counts.Length != _counts.Length)
        {
            throw new ArgumentException("Histograms of different ranges cannot be merged.", nameof(other));
        }

        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        TotalCount += other.TotalCount;
        ClampedCount += other.ClampedCount;
        _sum += other._sum;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>
    /// The smallest recorded value (to histogram precision) that at least <paramref name="percentile"/>% of the values
    /// do not exceed; clamped to the exact min and max so a percentile never lies outside what was seen.
    /// </summary>
    public long ValueAtPercentile(double percentile)
    {
        if (TotalCount == 0)
        {
            return 0;
        }

        // The epsilon keeps 99.9% of 1000 at rank 999: the division leaves 999.0000000000001.
        var wanted = (long)Math.Ceiling((Math.Clamp(percentile, 0, 100) / 100 * TotalCount) - 1e-9);
        wanted = Math.Clamp(wanted, 1, TotalCount);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= wanted)
            {
                return Math.Clamp(HighestEquivalentValue(ValueFromIndex(i)), Min, Max);
            }
        }

        return Max;
    }

    internal static int IndexOf(long value)
    {
        var bucketIndex = LeadingZeroCountBase - BitOperations.LeadingZeroCount((ulong)(value | SubBucketMask));
        var subBucketIndex = (int)(value >> bucketIndex);
        return ((bucketIndex + 1) << SubBucketHalfCountMagnitude) + subBucketIndex - SubBucketHalfCount;
    }

    internal static long ValueFromIndex(int index)
    {
        var bucketIndex = (index >> SubBucketHalfCountMagnitude) - 1;
        var subBucketIndex = (index & (SubBucketHalfCount - 1)) + SubBucketHalfCount;
        if (bucketIndex < 0)
        {
            subBucketIndex -= SubBucketHalfCount;
            bucketIndex = 0;
        }

        return (long)subBucketIndex << bucketIndex;
    }

    /// <summary>The largest value counted in the same slot as <paramref name="value"/>.</summary>
    internal static long HighestEquivalentValue(long value)
    {
        var bucketIndex = LeadingZeroCountBase - BitOperations.LeadingZeroCount((ulong)(value | SubBucketMask));
        return ((value >> bucketIndex) << bucketIndex) + (1L << bucketIndex) - 1;
    }
}
