using SessionLab.Backend.Common;
using StackExchange.Redis;

namespace SessionLab.Backend.Redis;

/// <summary>Runs a Redis command and turns "Redis is down or slow" into <see cref="SessionStoreUnavailableException"/>.</summary>
internal static class RedisCalls
{
    public static async Task<T> GuardAsync<T>(Task<T> call, string unavailableMessage)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException or TimeoutException)
        {
            throw new SessionStoreUnavailableException(unavailableMessage, e);
        }
    }
}
