using SessionLab.IntegrationTests.Support;
using SessionLab.Topology;
using SessionLab.Topology.Stores;

namespace SessionLab.IntegrationTests.Topology.Stores;

/// <summary>An external Redis (one the user runs): the lab connects once it answers PING, and neither kills nor restarts it.</summary>
public sealed class ExternalStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_RedisThatAnswers_IsUp_WithNoPersistence_AndCannotBeKilledByTheLab()
    {
        await using var redis = await RedisServer.StartPreferredAsync(Ct);

        await using var store = await EngineResolver.ResolveStore(redis.Configuration).StartAsync(new StoreInstance(0, Path.GetTempPath(), TimeSpan.FromSeconds(5)), Ct);

        Assert.True(store.IsRunning);
        Assert.False(store.CanBeControlled);
        Assert.Null(store.ProcessId);
        Assert.Equal(StorePersistence.None, store.Persistence);
        Assert.Equal(redis.Configuration, store.Configuration);
        await Assert.ThrowsAsync<TopologyException>(store.KillAsync);
        Assert.True(store.IsRunning);
    }
}
