using SessionLab.Measurement.Processes;

namespace SessionLab.Tests.Measurement.Processes;

public sealed class ExecutablesTests
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
                Assert.False(Executables.IsExecutable(file));
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                Assert.True(Executables.IsExecutable(file));
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Find_AProgramGivenAsAPath_IsThatFileIfExecutable()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix paths only");

        Assert.Equal("/bin/sh", Executables.Find("/bin/sh", pathVariable: null, []));
        Assert.Null(Executables.Find("/nonexistent-sessionlab/sh", pathVariable: "/bin", ["/bin/sh"]));
    }
}
