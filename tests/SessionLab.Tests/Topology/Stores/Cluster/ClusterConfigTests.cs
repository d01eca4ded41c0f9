using SessionLab.Topology.Stores.Cluster;

namespace SessionLab.Tests.Topology.Stores.Cluster;

public sealed class ClusterConfigTests
{
    [Fact]
    public void Node_ClusterEnabled_MemoryOnly_LabNodeTimeout()
    {
        var config = ClusterConfig.Node(6461, "/tmp/run/cluster/node-1", new ClusterSettings());

        Assert.Contains("port 6461\n", config, StringComparison.Ordinal);
        Assert.Contains("cluster-enabled yes\n", config, StringComparison.Ordinal);
        Assert.Contains("cluster-config-file nodes.conf\n", config, StringComparison.Ordinal);
        Assert.Contains("cluster-node-timeout 2000\n", config, StringComparison.Ordinal);
        Assert.Contains("save \"\"\n", config, StringComparison.Ordinal);
        Assert.Contains("appendonly no\n", config, StringComparison.Ordinal);
        Assert.Contains("dir /tmp/run/cluster/node-1\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateArguments_EveryNode_OneReplicaEach_NoPrompt() =>
        Assert.Equal(
            ["--cluster", "create", "127.0.0.1:6461", "127.0.0.1:6462", "--cluster-replicas", "1", "--cluster-yes"],
            ClusterConfig.CreateArguments([6461, 6462]));

    [Fact]
    public void ClientConfiguration_EveryNodeAsASeed() =>
        Assert.Equal("127.0.0.1:6461,127.0.0.1:6462", ClusterConfig.ClientConfiguration([6461, 6462]));
}
