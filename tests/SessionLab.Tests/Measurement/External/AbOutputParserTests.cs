using SessionLab.Measurement.External;
using SessionLab.Measurement.Statistics;

namespace SessionLab.Tests.Measurement.External;

public sealed class AbOutputParserTests
{
    [Fact]
    public void Parse_PlainRun_ReadsEveryFigure()
    {
        var report = AbOutputParser.Parse(AbOutputs.Ok);

        Assert.NotNull(report);
        Assert.Equal(10, report.Concurrency);
        Assert.Equal(0.052, report.TimeTakenSeconds);
        Assert.Equal(300, report.CompleteRequests);
        Assert.Equal(0, report.FailedRequests);
        Assert.Null(report.FailedBreakdown);
        Assert.Equal(0, report.Non2xxResponses);
        Assert.Null(report.KeepAliveRequests);
        Assert.Equal(5744.93, report.RequestsPerSecond);
        Assert.Equal(1.741, report.MeanTimePerRequestMs);
        Assert.Equal(0.174, report.MeanTimePerRequestAcrossConcurrentMs);
        Assert.Equal(
            [
                new PercentilePoint(50, 1), new PercentilePoint(66, 2), new PercentilePoint(75, 2), new PercentilePoint(80, 2),
                new PercentilePoint(90, 3), new PercentilePoint(95, 5), new PercentilePoint(98, 6), new PercentilePoint(99, 6),
                new PercentilePoint(100, 6),
            ],
            report.Percentiles);
        Assert.Equal(6, report.LatencyAt(100));
    }

    [Fact]
    public void Parse_KeepAliveWithVaryingLengths_ReadsFailuresAndTheirCause()
    {
        var report = AbOutputParser.Parse(AbOutputs.KeepAliveWithFailures);

        Assert.NotNull(report);
        Assert.Equal(30, report.FailedRequests);
        Assert.Equal(new AbFailedBreakdown(0, 0, 30, 0), report.FailedBreakdown);
        Assert.Equal(30, report.Non2xxResponses);
        Assert.Equal(300, report.KeepAliveRequests);
        Assert.Equal(17151.68, report.RequestsPerSecond);
        Assert.Equal(0.583, report.MeanTimePerRequestMs);
        Assert.Equal(9, report.LatencyAt(100));
    }

    [Fact]
    public void Parse_VariableLength_OnlyNon2xxRemain()
    {
        var report = AbOutputParser.Parse(AbOutputs.VariableLength);

        Assert.NotNull(report);
        Assert.Equal(0, report.FailedRequests);
        Assert.Equal(30, report.Non2xxResponses);
        Assert.Equal(300, report.CompleteRequests);
    }

    [Theory]
    [InlineData(AbOutputs.Refused)]
    [InlineData("")]
    public void Parse_NoReport_IsNull(string output) => Assert.Null(AbOutputParser.Parse(output));
}
