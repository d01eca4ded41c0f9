using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SessionLab.Backend.Redis;
using StackExchange.Redis;

namespace SessionLab.Backend.Peers;

/// <summary>
/// Makes the aspnet-session backends agree on one Data Protection key before they serve. Left alone, each backend
/// loads the key ring at start-up (Data Protection's own hosted service) and creates a key when there is none, so
/// backends started together each found the shared key ring in Redis empty and created their own (two keys 22 ms
/// apart in a full run). Data Protection reloads the ring for an unknown key only in its first minutes, so later on —
/// in 4.2, minutes into a run — a cookie written by one backend could
/// not be read by another: the session middleware quietly started a new empty session, and 4.2 counted 2,320 of 10,000
/// requests as 401. So at start-up each backend takes a lock in Redis and, holding it, loads the key ring (creating the
/// key only if none exists yet): the first creates it, the others read it. Best effort: with Redis down there is no
/// shared key ring to agree on, and the backend starts anyway (its store answers 503 until Redis is back).
/// </summary>
internal sealed partial class DataProtectionKeyRingWarmup(RedisConnection redis, IDataProtectionProvider protection, ILogger<DataProtectionKeyRingWarmup> logger) : IHostedService
{
    internal const string LockKey = "sessionlab:data-protection-keys:lock";

    private static readonly TimeSpan LockLifetime = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan WaitForLock = TimeSpan.FromSeconds(15);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var owner = (RedisValue)Guid.NewGuid().ToString("N");
        var deadline = DateTime.UtcNow + WaitForLock;
        try
        {
            while (!await redis.Database.LockTakeAsync(LockKey, owner, LockLifetime))
            {
                if (DateTime.UtcNow > deadline)
                {
                    LogLockNotTaken(WaitForLock.TotalSeconds);
                    break;
                }

                await Task.Delay(50, cancellationToken);
            }

            // Protecting anything loads the key ring from Redis, and creates the first key when there is none.
            _ = protection.CreateProtector("sessionlab.key-ring-warmup").Protect([1]);
            await redis.Database.LockReleaseAsync(LockKey, owner);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogStoreUnavailable(e.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Data Protection key ring: another backend held the start-up lock for over {Seconds} s; loading the key ring without it.")]
    private partial void LogLockNotTaken(double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Data Protection key ring not loaded at start-up (Redis unavailable: {Reason}); backends started together may create different keys.")]
    private partial void LogStoreUnavailable(string reason);
}
