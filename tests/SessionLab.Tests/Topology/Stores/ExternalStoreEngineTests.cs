using SessionLab.Topology;
using SessionLab.Topology.Stores;

namespace SessionLab.Tests.Topology.Stores;

public sealed class ExternalStoreEngineTests
{
    [Fact]
    public async Task Start_None_ConnectsAndReportsNoPersistence()
    {
        await using var store = await new ExternalStoreEngine("redis.example:6380").StartAsync(new StoreInstance(0, Path.GetTempPath(), TimeSpan.FromSeconds(1)), TestContext.Current.CancellationToken);

        Assert.Equal(StorePersistence.None, store.Persistence);
        Assert.Equal("redis.example:6380", store.Configuration);
    }

    [Fact]
    public async Task Start_AppendOnly_RefusesBecauseTheLabCannotSetIt()
    {
        var instance = new StoreInstance(0, Path.GetTempPath(), TimeSpan.FromSeconds(1)) { Persistence = StorePersistence.AppendOnly };

        var error = await Assert.ThrowsAsync<TopologyException>(() => new ExternalStoreEngine("redis.example:6380").StartAsync(instance, TestContext.Current.CancellationToken));

        Assert.Contains("redis.example:6380", error.Message, StringComparison.Ordinal);
        Assert.Contains("AppendOnly", error.Message, StringComparison.Ordinal);
    }
}
