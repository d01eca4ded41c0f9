using SessionLab.Backend.Redis;

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
}
