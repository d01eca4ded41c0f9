using SessionLab.Measurement.Processes;

namespace SessionLab.Tests.Measurement.Processes;

public sealed class ToolProcessTests
{
    [Fact]
    public async Task RunAsync_AToolReadingStdin_GetsEndOfFileNotTheTerminal()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix programs only");

        var run = await ToolProcess.RunAsync("/bin/cat", [], TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Combined);
    }
}
