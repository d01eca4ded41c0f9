using SessionLab.Backend.Redis;
using StackExchange.Redis;

namespace SessionLab.Tests.Backend.Redis;

public sealed class RedisConnectionTests
{
    [Theory]
    [InlineData("127.0.0.1:6379", "127.0.0.1:6379")]
    [InlineData("redis:6379,password=hunter2,user=app", "redis:6379 (password set)")]
    [InlineData("10.0.0.1:26379,10.0.0.2:26379,serviceName=sessions,password=hunter2", "10.0.0.1:26379,10.0.0.2:26379 serviceName=sessions (password set)")]
    public void Describe_GivesEndpointsNeverThePassword(string configuration, string expected)
    {
        var described = RedisConnection.Describe(configuration);

        Assert.Equal(expected, described);
        Assert.DoesNotContain("hunter2", described, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CLUSTERDOWN The cluster is down", true)]
    [InlineData("CLUSTERDOWN Hash slot not served", true)]
    [InlineData("TRYAGAIN Multiple keys request during rehashing of slot", true)]
    [InlineData("LOADING Redis is loading the dataset in memory", true)]
    [InlineData("MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.", true)]
    [InlineData("READONLY You can't write against a read only replica.", true)]
    [InlineData("NOREPLICAS Not enough good replicas to write.", true)]
    [InlineData("WRONGTYPE Operation against a key holding the wrong kind of value", false)]
    [InlineData("ERR unknown command", false)]
    [InlineData("MOVED 3999 127.0.0.1:6381", false)]
    public void RefusalsForNow_AreTheStoreUnavailable_OtherServerErrorsAreNot(string message, bool unavailable)
    {
        Assert.Equal(unavailable, RedisConnection.IsRefusingForNow(new RedisServerException(RedisErrorKind.Unknown, CommandFlags.None, message)));
    }

    [Fact]
    public void RefusingForNow_OnlyForServerReplies()
    {
        Assert.False(RedisConnection.IsRefusingForNow(new InvalidOperationException("CLUSTERDOWN")));
    }
}
