using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace SessionLab.Backend.Throttling;

/// <summary>
/// One token bucket of failed authentications per client address. A request is let in while its client has a whole
/// failure left, and only a failure takes one, so success never costs anything. The check and the spend are separate
/// steps: a few requests in flight at once may each pass the check on the last token, which overshoots the budget by at
/// most the client's concurrency and never locks anyone out wrongly.
/// </summary>
internal sealed class FailedAuthThrottle : IDisposable
{
    /// <summary>Whole seconds a refused client should wait: at least one failure is earned back within it.</summary>
    private readonly TimeSpan _retryAfter;
    private readonly IPNetwork[] _exempt;
    private readonly PartitionedRateLimiter<IPAddress> _limiter;

    public FailedAuthThrottle(IOptions<ThrottleOptions> options)
    {
        var o = options.Value;
        Enabled = o.Enabled;
        Burst = o.Burst;
        _exempt = [.. o.ExemptNetworks.Select(IPNetwork.Parse)];
        _retryAfter = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(1.0 / o.FailuresPerSecond)));
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = o.Burst,
            TokensPerPeriod = o.FailuresPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            // The partitioned limiter's own heartbeat replenishes every bucket: no timer per client address.
            AutoReplenishment = false,
        };
        _limiter = PartitionedRateLimiter.Create<IPAddress, IPAddress>(client => RateLimitPartition.GetTokenBucketLimiter(client, _ => bucket));
    }

    public bool Enabled { get; }

    public int Burst { get; }

    /// <summary>The address whose budget a request spends, or null when it is not throttled (off, exempt or unknown).</summary>
    public IPAddress? ClientOf(IPAddress? remote)
    {
        if (!Enabled || remote is null)
        {
            return null;
        }

        var client = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        foreach (var network in _exempt)
        {
            if (network.Contains(client))
            {
                return null;
            }
        }

        return client;
    }

    /// <summary>True while <paramref name="client"/> has a failure left; otherwise how long to wait. Spends nothing.</summary>
    public bool MayTry(IPAddress client, out TimeSpan retryAfter)
    {
        retryAfter = _retryAfter;
        return _limiter.GetStatistics(client) is not { } stats || stats.CurrentAvailablePermits >= 1;
    }

    /// <summary>Spends one failure of <paramref name="client"/>'s budget (nothing when it is already spent).</summary>
    public void RecordFailure(IPAddress client)
    {
        using var lease = _limiter.AttemptAcquire(client);
    }

    /// <summary>Spends one failure of the request's client, when it is throttled at all.</summary>
    public void RecordFailure(HttpContext context)
    {
        if (ClientOf(context.Connection.RemoteIpAddress) is { } client)
        {
            RecordFailure(client);
        }
    }

    public void Dispose() => _limiter.Dispose();
}
