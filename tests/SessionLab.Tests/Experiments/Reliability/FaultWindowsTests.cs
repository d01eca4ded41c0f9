using SessionLab.Experiments.Framework.FaultsUnderLoad;

namespace SessionLab.Tests.Experiments.Reliability;

public sealed class FaultWindowsTests
{
    [Fact]
    public void Windows_OneFault_StaysInForceUntilTheLoadEnds()
    {
        var window = Assert.Single(ErrorCharts.Windows([new FaultMark(3, 3.01, "kill -9 server-2")], 10));

        Assert.Equal((3, 10), (window.From, window.To));
    }

    [Fact]
    public void Windows_FaultUndoneLater_LastsUntilTheLastStepWasDone()
    {
        var window = Assert.Single(ErrorCharts.Windows([new FaultMark(2, 2.01, "redis killed"), new FaultMark(5, 5.6, "redis started")], 10));

        Assert.Equal((2, 5.6), (window.From, window.To));
        Assert.Contains("redis killed", window.Label, StringComparison.Ordinal);
    }

    [Fact]
    public void Windows_NoFault_NoWindow() =>
        Assert.Empty(ErrorCharts.Windows([], 10));
}
