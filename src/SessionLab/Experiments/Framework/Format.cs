using System.Globalization;

namespace SessionLab.Experiments.Framework;

/// <summary>How experiments write numbers into tables and evidence: one place, invariant culture, one style per kind.</summary>
internal static class Format
{
    /// <summary>Seconds with up to three decimals: "1.5", "0.25", "30".</summary>
    public static string Seconds(TimeSpan span) => Seconds(span.TotalSeconds);

    /// <summary>Seconds with at least one and up to three decimals, "n/a" for NaN: "1.0", "0.25".</summary>
    public static string Seconds(double seconds) => double.IsNaN(seconds) ? "n/a" : seconds.ToString("0.0##", CultureInfo.InvariantCulture);

    /// <summary>Seconds as a compact figure without a forced decimal: "1.5", "30".</summary>
    public static string CompactSeconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Milliseconds with two decimals: "0.42".</summary>
    public static string Ms(double milliseconds) => milliseconds.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A whole count without separators: "10000".</summary>
    public static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A rate per second, whole: "9450".</summary>
    public static string Rate(double perSecond) => perSecond.ToString("0", CultureInfo.InvariantCulture);

    /// <summary>A size in bytes, scaled: "512 B", "2.4 KiB", "2.8 MiB".</summary>
    public static string Bytes(double bytes) => Math.Abs(bytes) switch
    {
        < 1024 => $"{bytes.ToString("0", CultureInfo.InvariantCulture)} B",
        < 1024 * 1024 => $"{(bytes / 1024).ToString("0.#", CultureInfo.InvariantCulture)} KiB",
        < 1024L * 1024 * 1024 => $"{(bytes / 1024 / 1024).ToString("0.#", CultureInfo.InvariantCulture)} MiB",
        _ => $"{(bytes / 1024 / 1024 / 1024).ToString("0.##", CultureInfo.InvariantCulture)} GiB",
    };
}
