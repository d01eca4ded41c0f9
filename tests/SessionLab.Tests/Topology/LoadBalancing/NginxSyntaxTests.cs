using SessionLab.Topology.LoadBalancing.Nginx;

namespace SessionLab.Tests.Topology.LoadBalancing;

public sealed class NginxSyntaxTests
{
    [Theory]
    [InlineData(1_000, "1s")]
    [InlineData(10_000, "10s")]
    [InlineData(1_500, "1500ms")]
    [InlineData(250, "250ms")]
    [InlineData(0.4, "1ms")]
    public void Duration_IsWrittenInNginxUnits(double milliseconds, string expected) =>
        Assert.Equal(expected, NginxSyntax.Duration(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void Duration_ZeroOrNegative_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NginxSyntax.Duration(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => NginxSyntax.Duration(TimeSpan.FromSeconds(-1)));
    }

    [Theory]
    [InlineData("/tmp/run", "\"/tmp/run\"")]
    [InlineData("/tmp/my run;x", "\"/tmp/my run;x\"")]
    [InlineData("/tmp/a\"b\\c", "\"/tmp/a\\\"b\\\\c\"")]
    [InlineData("/tmp/$HOME", "\"/tmp/$HOME\"")]
    public void Quote_EscapesWhatNginxUnescapes(string value, string expected) =>
        Assert.Equal(expected, NginxSyntax.Quote(value));
}
