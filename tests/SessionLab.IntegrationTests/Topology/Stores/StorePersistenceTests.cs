using SessionLab.IntegrationTests.Support;
using SessionLab.Topology.Stores;
using StackExchange.Redis;

namespace SessionLab.IntegrationTests.Topology.Stores;

/// <summary>
/// Each engine, really run: with an append-only file a session key survives kill -9 and restart with the TTL it had
/// left (not reset, not lost); without one it is gone. Keys are written as the Redis scheme writes them
/// (<c>SET NX PX</c>, then <c>GETEX EX</c> for sliding expiry).
/// </summary>
public sealed class StorePersistenceTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Slid = TimeSpan.FromSeconds(90);

    /// <summary>Longer than one everysec fsync / Garnet AOF commit (1000 ms).</summary>
    private static readonly TimeSpan CommitWait = TimeSpan.FromMilliseconds(1500);

    public static TheoryData<string> Engines => ["redis-server", "garnet"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task AppendOnly_KillAndRestart_KeysComeBackWithTheirRemainingTtl(string engine)
    {
        var storeEngine = EngineOf(engine);
        using var folder = new TempFolder();
        var instance = new StoreInstance(FreePorts.Next(), folder.Path, TimeSpan.FromSeconds(30)) { Name = "aof-store", Persistence = StorePersistence.AppendOnly };
        await using var store = await storeEngine.StartAsync(instance, Ct);
        Assert.Equal(StorePersistence.AppendOnly, store.Persistence);

        await using (var redis = await ConnectAsync(store))
        {
            var db = redis.GetDatabase();
            Assert.True(await db.StringSetAsync("session:set", "alice", Ttl, When.NotExists));
            Assert.True(await db.StringSetAsync("session:slid", "bob"));
            Assert.Equal("bob", await db.StringGetSetExpiryAsync("session:slid", Slid));
        }

        await Task.Delay(CommitWait, Ct);
        var before = await TtlsAsync(store);
        await store.KillAsync();
        Assert.False(store.IsRunning);
        await store.RestartAsync(Ct);
        var after = await TtlsAsync(store);
        TestContext.Current.TestOutputHelper?.WriteLine($"{store.Description}: TTL at kill {before.Set}/{before.Slid}, after restart {after.Set}/{after.Slid} (set {Ttl}, slid to {Slid})");

        // Back, counting down from where it was: below the original TTL by at least the wait, never above the TTL seen before the kill.
        AssertRemaining(after.Set, original: Ttl, atKill: before.Set);
        AssertRemaining(after.Slid, original: Slid, atKill: before.Slid);
        Assert.True(File.Exists(Path.Combine(folder.Path, "aof-store.log")), "the log is named after the instance");
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(folder.Path, "aof-store"), "*", SearchOption.AllDirectories));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task None_KillAndRestart_KeysAreGone(string engine)
    {
        var storeEngine = EngineOf(engine);
        using var folder = new TempFolder();
        await using var store = await storeEngine.StartAsync(new StoreInstance(FreePorts.Next(), folder.Path, TimeSpan.FromSeconds(30)), Ct);
        Assert.Equal(StorePersistence.None, store.Persistence);

        await using (var redis = await ConnectAsync(store))
        {
            Assert.True(await redis.GetDatabase().StringSetAsync("session:set", "alice", Ttl, When.NotExists));
        }

        await Task.Delay(CommitWait, Ct);
        await store.KillAsync();
        await store.RestartAsync(Ct);

        await using (var redis = await ConnectAsync(store))
        {
            Assert.False(await redis.GetDatabase().KeyExistsAsync("session:set"));
        }

        // The topology's store keeps its old file names.
        Assert.True(File.Exists(Path.Combine(folder.Path, engine == "garnet" ? "garnet.log" : "redis-server.log")));
    }

    private static IStoreEngine EngineOf(string engine)
    {
        if (engine == "redis-server")
        {
            RealEngines.Require("redis-server");
            return new RedisServerEngine();
        }

        return new GarnetEngine();
    }

    private static Task<ConnectionMultiplexer> ConnectAsync(IRunningStore store) =>
        ConnectionMultiplexer.ConnectAsync($"{store.Configuration},abortConnect=true,connectTimeout=5000,syncTimeout=5000,asyncTimeout=5000");

    private static async Task<(TimeSpan? Set, TimeSpan? Slid)> TtlsAsync(IRunningStore store)
    {
        await using var redis = await ConnectAsync(store);
        var db = redis.GetDatabase();
        return (await db.KeyTimeToLiveAsync("session:set"), await db.KeyTimeToLiveAsync("session:slid"));
    }

    private static void AssertRemaining(TimeSpan? remaining, TimeSpan original, TimeSpan? atKill)
    {
        Assert.NotNull(remaining);
        Assert.NotNull(atKill);
        Assert.InRange(remaining.Value, TimeSpan.FromMilliseconds(1), original - CommitWait);
        Assert.True(remaining <= atKill, $"TTL {remaining} after the restart is above the {atKill} left at the kill: it was reset");
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("sessionlab-persistence-").FullName;

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        }
    }
}
