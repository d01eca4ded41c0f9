using SessionLab.Topology.Stores.Cluster;

namespace SessionLab.Tests.Topology.Stores.Cluster;

public sealed class ClusterViewTests
{
    // CLUSTER NODES of redis-server 7.0 after node-1 (6461) was killed and its replica node-5 (6465) promoted.
    private const string AfterFailover = """
        aaa 127.0.0.1:6461@16461 master,fail - 1700000000000 1700000000000 1 disconnected
        bbb 127.0.0.1:6462@16462 master - 0 1700000000000 2 connected 5461-10922
        ccc 127.0.0.1:6463@16463 myself,master - 0 1700000000000 3 connected 10923-16383
        ddd 127.0.0.1:6464@16464 slave ccc 0 1700000000000 3 connected
        eee 127.0.0.1:6465@16465 master - 0 1700000000000 7 connected 0-5460
        fff 127.0.0.1:6466@16466 slave bbb 0 1700000000000 2 connected
        """;

    [Fact]
    public void Parse_AfterFailover_ShardsInSlotOrder_FailedPrimaryHasNoShard()
    {
        var view = ClusterView.Parse(AfterFailover);

        Assert.Equal(6, view.Nodes.Count);
        Assert.Equal([6465, 6462, 6463], view.Shards.Select(s => s.Port));
        Assert.True(view.At(6461)!.IsFailed);
        Assert.Equal("slots 0-5460", view.At(6465)!.SlotText);
        Assert.Equal(5461, view.At(6465)!.SlotCount);
        Assert.Equal(6463, view.PrimaryOf(view.At(6464)!)!.Port);
        Assert.Equal(6462, view.ShardOf(5461)!.Port);
        Assert.Equal(6463, view.ShardOf(16383)!.Port);
    }

    [Fact]
    public void Parse_MigratingSlotsAndShortLines_Skipped()
    {
        var view = ClusterView.Parse("aaa 127.0.0.1:6461@16461 myself,master - 0 0 1 connected 0-100 200 [93->-bbb]\nnonsense\n");

        Assert.Single(view.Nodes);
        Assert.Equal([(0, 100), (200, 200)], view.Nodes[0].Slots);
        Assert.Equal("slots 0-100,200", view.Nodes[0].SlotText);
    }
}
