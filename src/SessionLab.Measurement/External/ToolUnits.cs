using System.Globalization;

namespace SessionLab.Measurement.External;

/// <summary>Reads the numbers wrk prints with units (<c>217.00us</c>, <c>1.51s</c>, <c>10.87k</c>).</summary>
internal static class ToolUnits
{
    /// <summary>A wrk time (<c>us</c>, <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>) in milliseconds.</summary>
    public static double? TimeMs(string text)
    {
        text = text.Trim();
        (string Suffix, double Ms)[] units = [("us", 0.001), ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];
        foreach (var (suffix, ms) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal) && Number(text[..^suffix.Length]) is { } value)
            {
                return value * ms;
            }
        }

        return null;
    }

    public static double? Number(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static long Integer(string text) =>
        long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
