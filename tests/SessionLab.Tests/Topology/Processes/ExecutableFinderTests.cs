using SessionLab.Topology.Processes;

namespace SessionLab.Tests.Topology.Processes;

public sealed class ExecutableFinderTests
{
    [Fact]
    public void IsExecutable_FileWithoutAnExecuteBit_IsNoProgram()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions only");
        var file = Path.Combine(Path.GetTempPath(), $"sessionlab-not-executable-{Guid.NewGuid():N}");
        File.WriteAllText(file, "#!/bin/sh\n");
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                Assert.False(ExecutableFinder.IsExecutable(file));
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                Assert.True(ExecutableFinder.IsExecutable(file));
            }
        }
        finally
        {
            File.Delete(file);
        }
    }
}
