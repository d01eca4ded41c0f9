using SessionLab.Topology;
using SessionLab.Topology.Stores.Sentinel;

namespace SessionLab.Tests.Topology.Stores.Sentinel;

public sealed class SentinelConfigTests
{
    [Fact]
    public void Node_Primary_MemoryOnlyOnLoopback_NoReplicaOf()
    {
        var text = SentinelConfig.Node(6441, "/runs/r/sentinel/node-1", primaryPort: null);

        Assert.Equal(
            "port 6441\nbind 127.0.0.1\nsave \"\"\nappendonly no\ndir /runs/r/sentinel/node-1\ndaemonize no\nrepl-diskless-sync yes\nrepl-diskless-sync-delay 0\n",
            text);
    }

    [Fact]
    public void Node_Replica_FollowsThePrimary()
    {
        var text = SentinelConfig.Node(6442, "/d", primaryPort: 6441);

        Assert.EndsWith("replicaof 127.0.0.1 6441\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Sentinel_MonitorsThePrimary_WithTheLabsShortTimings()
    {
        var text = SentinelConfig.Sentinel(6451, "/d", 6441, new SentinelSettings());

        Assert.Contains("port 6451\n", text, StringComparison.Ordinal);
        Assert.Contains("sentinel monitor sessionlab 127.0.0.1 6441 2\n", text, StringComparison.Ordinal);
        Assert.Contains("sentinel down-after-milliseconds sessionlab 2000\n", text, StringComparison.Ordinal);
        Assert.Contains("sentinel failover-timeout sessionlab 10000\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_DefaultsAreShorterThanRedisOwn()
    {
        var settings = new SentinelSettings();

        Assert.True(settings.DownAfter < SentinelSettings.RedisDefaultDownAfter);
        Assert.True(settings.FailoverTimeout < SentinelSettings.RedisDefaultFailoverTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), SentinelSettings.RedisDefaultDownAfter);
        Assert.Equal(TimeSpan.FromMinutes(3), SentinelSettings.RedisDefaultFailoverTimeout);
    }

    [Fact]
    public void ClientConfiguration_TheSentinelsAndTheServiceName_NoPassword()
    {
        Assert.Equal("127.0.0.1:6451,127.0.0.1:6452,127.0.0.1:6453,serviceName=sessionlab", SentinelConfig.ClientConfiguration([6451, 6452, 6453], "sessionlab"));
    }

    [Fact]
    public void EnginePorts_ThreeNodesAndThreeSentinels_ShiftedByTheOffset()
    {
        Assert.Equal([7041, 7042, 7043, 7051, 7052, 7053], new SentinelEngine().Ports(new TopologyPorts(600)));
    }
}
