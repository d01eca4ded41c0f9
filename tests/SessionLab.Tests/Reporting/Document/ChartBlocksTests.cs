using SessionLab.Reporting.Document.Sections;
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
}
