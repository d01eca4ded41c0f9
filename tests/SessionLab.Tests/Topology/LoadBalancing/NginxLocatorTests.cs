using SessionLab.Topology.LoadBalancing.Nginx;

namespace SessionLab.Tests.Topology.LoadBalancing;

public sealed class NginxLocatorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sessionlab-nginx-locator-").FullName;

    [Fact]
    public void Find_ExecutableOnPath_IsTakenBeforeWellKnownPaths()
    {
        var onPath = Fake("bin", executable: true);
        var wellKnown = Fake("sbin", executable: true);

        var found = NginxLocator.Find(string.Join(Path.PathSeparator, Path.Combine(_root, "empty"), Path.GetDirectoryName(onPath)), [wellKnown]);

        Assert.Equal(onPath, found);
    }

    [Fact]
    public void Find_NotOnPath_FallsBackToWellKnownPaths()
    {
        // Debian puts nginx in /usr/sbin, which a normal user's PATH often lacks.
        var wellKnown = Fake("sbin", executable: true);

        Assert.Equal(wellKnown, NginxLocator.Find("/nonexistent-sessionlab", [Path.Combine(_root, "missing", "nginx"), wellKnown]));
    }

    [Fact]
    public void Find_FileWithoutExecuteBit_IsSkipped()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "execute bits are POSIX");
        var notExecutable = Fake("bin", executable: false);

        Assert.Null(NginxLocator.Find(Path.GetDirectoryName(notExecutable), []));
    }

    [Fact]
    public void Find_Nothing_IsNull() => Assert.Null(NginxLocator.Find(null, [Path.Combine(_root, "nginx")]));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Fake(string folder, bool executable)
    {
        var path = Path.Combine(_root, folder, "nginx");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/bin/sh\necho 'nginx version: nginx/9.9.9' >&2\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, executable ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }
}
