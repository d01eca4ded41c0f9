using SessionLab.Measurement.External;
using SessionLab.Measurement.Statistics;

namespace SessionLab.Tests.Measurement.External;

public sealed class WrkOutputParserTests
{
    [Fact]
    public void Parse_PlainRun_ReadsRateTotalsAndDistribution()
    {
        var report = WrkOutputParser.Parse(WrkOutputs.Ok);

        Assert.NotNull(report);
        Assert.Equal(27559.97, report.RequestsPerSecond);
        Assert.Equal(28119, report.Requests);
        Assert.Equal(1.02, report.DurationSeconds, 6);
        Assert.Equal(1.37, report.LatencyMeanMs, 6);
        Assert.Equal(4.46, report.LatencyStdevMs, 6);
        Assert.Equal(42.11, report.LatencyMaxMs, 6);
        Assert.Equal(
            [new PercentilePoint(50, 0.262), new PercentilePoint(75, 0.526), new PercentilePoint(90, 2.44), new PercentilePoint(99, 29.44)],
            report.LatencyPercentiles.Select(p => p with { ValueMs = Math.Round(p.ValueMs, 6) }));
        Assert.Equal(0.262, report.LatencyAt(50)!.Value, 6);
        Assert.Null(report.LatencyAt(95));
        Assert.Equal(0, report.Non2xxResponses);
        Assert.Equal(0, report.SocketErrors.Total);
    }

    [Fact]
    public void Parse_ErrorStatuses_ReadsNon2xx()
    {
        var report = WrkOutputParser.Parse(WrkOutputs.NonSuccess);

        Assert.NotNull(report);
        Assert.Equal(2173, report.Non2xxResponses);
        Assert.Equal(21732, report.Requests);
        Assert.Equal(21604.64, report.RequestsPerSecond);
        Assert.Equal(10.70, report.LatencyAt(99)!.Value, 6);
    }

    [Fact]
    public void Parse_AllTimedOut_ReadsSocketErrors()
    {
        var report = WrkOutputParser.Parse(WrkOutputs.Timeouts);

        Assert.NotNull(report);
        Assert.Equal(new WrkSocketErrors(0, 0, 0, 4), report.SocketErrors);
        Assert.Equal(4, report.Requests);
        Assert.Equal(2.01, report.DurationSeconds, 6);
        Assert.Equal(0, report.LatencyMaxMs);
    }

    [Fact]
    public void Parse_LatenciesInSecondsWithTrailingSpaces_ConvertsToMilliseconds()
    {
        var report = WrkOutputParser.Parse(WrkOutputs.Seconds);

        Assert.NotNull(report);
        Assert.Equal(1510, report.LatencyMeanMs, 6);
        Assert.Equal(0.08307, report.LatencyStdevMs, 6);
        Assert.Equal(4, report.LatencyPercentiles.Count);
        Assert.All(report.LatencyPercentiles, p => Assert.Equal(1510, p.ValueMs, 6));
    }

    [Theory]
    [InlineData(WrkOutputs.Refused)]
    [InlineData("")]
    [InlineData("Usage: wrk <options> <url>")]
    public void Parse_NoReport_IsNull(string output) => Assert.Null(WrkOutputParser.Parse(output));

    [Theory]
    [InlineData("217.00us", 0.217)]
    [InlineData("1.70ms", 1.70)]
    [InlineData("1.51s", 1510)]
    [InlineData("2.00m", 120_000)]
    [InlineData("1.00h", 3_600_000)]
    public void TimeMs_WrkUnits_AreMilliseconds(string text, double expected) =>
        Assert.Equal(expected, ToolUnits.TimeMs(text)!.Value, 6);
}
