using SessionLab.Reporting.Charts;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Reporting;

public sealed class FaultWindowShadingTests
{
    [Fact]
    public void Merge_OneWindowPerSchemeMillisecondsApart_OneSpanNamingTheOthers()
    {
        var merged = FaultWindowShading.Merge([new(3.336, 10, "killed jwt/server-1"), new(3.334, 10, "killed sticky/server-3"), new(3.335, 10.2, "killed redis/server-1")]);

        var window = Assert.Single(merged);
        Assert.Equal(3.334, window.From);
        Assert.Equal(10.2, window.To);
        Assert.Equal("killed sticky/server-3 (and 2 more runs' faults)", window.Label);
    }

    [Fact]
    public void Merge_SeparateWindows_StayApartAndUnchanged()
    {
        FaultWindow[] windows = [new(1, 2, "stop"), new(5, 6, "kill")];

        Assert.Equal(windows, FaultWindowShading.Merge(windows));
    }

    [Fact]
    public void Merge_TheSameWindowTwice_IsOneWithItsOwnLabel() =>
        Assert.Equal("kill", Assert.Single(FaultWindowShading.Merge([new(1, 2, "kill"), new(1, 2, "kill")])).Label);
}
