using SessionLab.Topology.Stores;

namespace SessionLab.Tests.Topology.Stores;

public sealed class RedisServerEngineTests
{
    [Fact]
    public void Arguments_None_NoSnapshotsAndNoAppendOnlyFile()
    {
        var args = RedisServerEngine.Arguments(6379, "/runs/r/redis", StorePersistence.None);

        Assert.Equal(
            ["--port", "6379", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", "/runs/r/redis", "--daemonize", "no"],
            args);
    }

    [Fact]
    public void Arguments_AppendOnly_AofFsyncedEverySecondInTheDataFolder_StillNoSnapshots()
    {
        var args = RedisServerEngine.Arguments(26379, "/runs/r/aof", StorePersistence.AppendOnly);

        Assert.Equal(
            ["--port", "26379", "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--appendfsync", "everysec", "--dir", "/runs/r/aof", "--daemonize", "no"],
            args);
    }
}
