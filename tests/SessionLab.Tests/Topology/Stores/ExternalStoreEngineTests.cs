using SessionLab.Topology;
using SessionLab.Topology.Stores;

namespace SessionLab.Tests.Topology.Stores;

public sealed class ExternalStoreEngineTests
{
    [Fact]
    public async Task Start_NothingAnswersThere_FailsNamingTheAddress_NeverStarts()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var error = await Assert.ThrowsAsync<TopologyException>(() => new ExternalStoreEngine($"127.0.0.1:{port}").StartAsync(new StoreInstance(0, Path.GetTempPath(), TimeSpan.FromSeconds(1)), TestContext.Current.CancellationToken));

        Assert.StartsWith($"The external Redis at 127.0.0.1:{port} does not answer PING", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redacted_KeepsTheAddress_DropsThePassword()
    {
        var shown = ExternalStoreEngine.Redacted("redis.example:6380,password=s3cret");

        Assert.Contains("redis.example:6380", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", shown, StringComparison.Ordinal);
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
