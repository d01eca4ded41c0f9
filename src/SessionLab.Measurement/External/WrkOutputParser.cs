using System.Text.RegularExpressions;
using SessionLab.Measurement.Statistics;

namespace SessionLab.Measurement.External;

/// <summary>Reads wrk 4's text report (pure: text in, report out).</summary>
internal static partial class WrkOutputParser
{
    /// <summary>The report in <paramref name="output"/>, or null when wrk printed none (e.g. "unable to connect").</summary>
    public static WrkReport? Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var rate = RequestsPerSecond().Match(output);
        var totals = Totals().Match(output);
        if (!rate.Success || !totals.Success)
        {
            return null;
        }

        var stats = LatencyStats().Match(output);
        var errors = SocketErrors().Match(output);
        var non2xx = Non2xx().Match(output);
        return new WrkReport(
            ToolUnits.Number(rate.Groups[1].Value) ?? 0,
            ToolUnits.Integer(totals.Groups[1].Value),
            (ToolUnits.TimeMs(totals.Groups[2].Value) ?? 0) / 1000,
            stats.Success ? ToolUnits.TimeMs(stats.Groups[1].Value) ?? 0 : 0,
            stats.Success ? ToolUnits.TimeMs(stats.Groups[2].Value) ?? 0 : 0,
            stats.Success ? ToolUnits.TimeMs(stats.Groups[3].Value) ?? 0 : 0,
            Distribution(output),
            non2xx.Success ? ToolUnits.Integer(non2xx.Groups[1].Value) : 0,
            errors.Success
                ? new WrkSocketErrors(
                    ToolUnits.Integer(errors.Groups[1].Value),
                    ToolUnits.Integer(errors.Groups[2].Value),
                    ToolUnits.Integer(errors.Groups[3].Value),
                    ToolUnits.Integer(errors.Groups[4].Value))
                : new WrkSocketErrors(0, 0, 0, 0));
    }

    private static List<PercentilePoint> Distribution(string output)
    {
        var points = new List<PercentilePoint>();
        var start = output.IndexOf("Latency Distribution", StringComparison.Ordinal);
        if (start < 0)
        {
            return points;
        }

        // The percentile lines follow the heading; the first other line ends the section.
        foreach (var line in output[start..].Split('\n').Skip(1))
        {
            var match = PercentileLine().Match(line);
            if (!match.Success || ToolUnits.Number(match.Groups[1].Value) is not { } percentile || ToolUnits.TimeMs(match.Groups[2].Value) is not { } ms)
            {
                break;
            }

            points.Add(new PercentilePoint(percentile, ms));
        }

        return points;
    }

    [GeneratedRegex(@"^Requests/sec:\s+([\d.]+)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"^\s*(\d+) requests in ([\d.]+[a-z]+),", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Totals();

    [GeneratedRegex(@"^\s*Latency\s+([\d.]+[a-z]+)\s+([\d.]+[a-z]+)\s+([\d.]+[a-z]+)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex LatencyStats();

    [GeneratedRegex(@"^\s*([\d.]+)%\s+([\d.]+[a-z]+)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex PercentileLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex SocketErrors();
}
