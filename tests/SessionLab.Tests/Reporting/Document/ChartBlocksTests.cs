using SessionLab.Reporting.Document.Sections;
using SessionLab.Reporting.Localization;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Reporting.Document;

public sealed class ChartBlocksTests
{
    [Fact]
    public void Title_AxisAlreadyNamesTheSubject_IsNotSaidTwice()
    {
        var ttl = new ChartSeries("ttl", "seconds since login", "TTL (s)", []);

        Assert.Equal("TTL (s) by seconds since login (2.2)", ChartBlocks.Title("ttl", ttl, "2.2"));
    }

    [Fact]
    public void Title_SubjectTheAxisDoesNotName_LeadsTheTitle()
    {
        var errors = new ChartSeries("errors per second: jwt", "second", "failed requests", []);

        Assert.Equal("Errors per second: failed requests by second (6.1)", ChartBlocks.Title("errors per second", errors, "6.1"));
    }

    [Fact]
    public void Title_SubjectThatNamesTheAxisQuantity_IsNotSaidTwice()
    {
        // 6.7's chart: "Median latency vs store delay: median latency (ms) by added delay (ms)" said the quantity twice.
        var delay = new ChartSeries("median latency vs store delay: redis", "added delay (ms)", "median latency (ms)", []);

        Assert.Equal("Median latency (ms) by added delay (ms) (6.7)", ChartBlocks.Title("median latency vs store delay", delay, "6.7"));
    }

    [Fact]
    public void Title_AxisAlone_StartsWithACapital_InChineseToo()
    {
        var latency = new ChartSeries("latency: redis", "percentile", "latency (ms)", []);

        Assert.Equal("Latency (ms) by percentile (4.1)", ChartBlocks.Title("latency", latency, "4.1"));
        Assert.DoesNotContain("：", ChartBlocks.Title("latency", latency, "4.1", ReportText.For(ReportLanguage.Chinese)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("latencyless", "latency (ms)")]
    [InlineData("ttl-vs-absolute-limit", "Redis TTL left (s)")]
    public void Title_WordsThatOnlyOverlap_KeepTheSubject(string subject, string yLabel)
    {
        var series = new ChartSeries(subject, "second", yLabel, []);

        Assert.Contains(":", ChartBlocks.Title(subject, series, "2.5"), StringComparison.Ordinal);
    }
}
