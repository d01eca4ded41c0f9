using SessionLab.Topology;
using SessionLab.Topology.LoadBalancing;

namespace SessionLab.Tests.Topology;

public sealed class EngineResolverTests
{
    [Fact]
    public void AutoFallbackNote_InstalledRedisServerThatCannotRun_SaysWhyGarnetIsUsed()
    {
        var broken = new EngineAvailability(false, string.Empty, "/opt/bin/redis-server cannot be run (No such file or directory)");

        var note = EngineResolver.AutoFallbackNote(broken, installed: true);

        Assert.Equal("--redis auto: /opt/bin/redis-server cannot be run (No such file or directory); using the embedded Garnet instead", note);
    }

    [Fact]
    public void AutoFallbackNote_NotInstalledOrRunning_SaysNothing()
    {
        // Not installed: Garnet is the documented default. Running: nothing falls back.
        Assert.Null(EngineResolver.AutoFallbackNote(new EngineAvailability(false, string.Empty, "redis-server is not installed"), installed: false));
        Assert.Null(EngineResolver.AutoFallbackNote(new EngineAvailability(true, "7.0.15"), installed: true));
    }
}
