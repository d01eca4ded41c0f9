using System.Text.RegularExpressions;
using SessionLab.Measurement.Statistics;

namespace SessionLab.Measurement.External;

/// <summary>Reads ApacheBench 2.3's text report (pure: text in, report out).</summary>
internal static partial class AbOutputParser
{
    /// <summary>The report in <paramref name="output"/>, or null when ab printed none (e.g. connection refused).</summary>
    public static AbReport? Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var rate = Field(output, "Requests per second");
        var taken = Field(output, "Time taken for tests");
        if (rate is null || taken is null)
        {
            return null;
        }

        var breakdown = FailedBreakdown().Match(output);
        var perRequest = TimePerRequest().Match(output);
        var perRequestAcross = TimePerRequestAcross().Match(output);
        return new AbReport(
            (int)(Field(output, "Concurrency Level") ?? 0),
            taken.Value,
            (long)(Field(output, "Complete requests") ?? 0),
            (long)(Field(output, "Failed requests") ?? 0),
            breakdown.Success
                ? new AbFailedBreakdown(
                    ToolUnits.Integer(breakdown.Groups[1].Value),
                    ToolUnits.Integer(breakdown.Groups[2].Value),
                    ToolUnits.Integer(breakdown.Groups[3].Value),
                    ToolUnits.Integer(breakdown.Groups[4].Value))
                : null,
            (long)(Field(output, "Non-2xx responses") ?? 0),
            Field(output, "Keep-Alive requests") is { } keepAlive ? (long)keepAlive : null,
            rate.Value,
            perRequest.Success ? ToolUnits.Number(perRequest.Groups[1].Value) ?? 0 : 0,
            perRequestAcross.Success ? ToolUnits.Number(perRequestAcross.Groups[1].Value) ?? 0 : 0,
            Percentiles(output));
    }

    /// <summary>The number after "<paramref name="label"/>:" at the start of a line.</summary>
    private static double? Field(string output, string label)
    {
        foreach (Match match in LabelledNumber().Matches(output))
        {
            if (match.Groups[1].ValueSpan.Trim().SequenceEqual(label))
            {
                return ToolUnits.Number(match.Groups[2].Value);
            }
        }

        return null;
    }

    private static List<PercentilePoint> Percentiles(string output)
    {
        var points = new List<PercentilePoint>();
        var start = output.IndexOf("Percentage of the requests served", StringComparison.Ordinal);
        if (start < 0)
        {
            return points;
        }

        foreach (var line in output[start..].Split('\n').Skip(1))
        {
            var match = PercentileLine().Match(line);
            if (!match.Success)
            {
                break;
            }

            points.Add(new PercentilePoint(ToolUnits.Integer(match.Groups[1].Value), ToolUnits.Integer(match.Groups[2].Value)));
        }

        return points;
    }

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9 -]*):[ \t]+([\d.]+)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex LabelledNumber();

    [GeneratedRegex(@"\(Connect: (\d+), Receive: (\d+), Length: (\d+), Exceptions: (\d+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex FailedBreakdown();

    [GeneratedRegex(@"^Time per request:\s+([\d.]+) \[ms\] \(mean\)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex TimePerRequest();

    [GeneratedRegex(@"^Time per request:\s+([\d.]+) \[ms\] \(mean, across all concurrent requests\)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex TimePerRequestAcross();

    [GeneratedRegex(@"^\s*(\d+)%\s+(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex PercentileLine();
}
