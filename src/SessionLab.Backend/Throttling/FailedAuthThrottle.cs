using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace SessionLab.Backend.Throttling;

/// <summary>
/// One token bucket of failed authentications per client address. Only a failure takes a token, so success never
/// costs anything. A request in flight holds a claim on one of its client's tokens until its outcome is known: without
/// that, every token that trickles back would let in as many guesses as arrive during one store lookup, and a fast
/// guesser would get several lookups per token. So one client has at most <see cref="ThrottleOptions.Burst"/>
/// session requests in flight, and each failure it can still afford is spent at most once.
/// </summary>
internal sealed class FailedAuthThrottle : IDisposable
{
    private static readonly object FailedMarker = new();

    /// <summary>Whole seconds a refused client should wait: at least one failure is earned back within it.</summary>
    private readonly TimeSpan _retryAfter;
    private readonly IPNetwork[] _exempt;
    private readonly PartitionedRateLimiter<IPAddress> _limiter;
    private readonly Dictionary<IPAddress, int> _inFlight = [];
    private readonly Lock _lock = new();

    public FailedAuthThrottle(IOptions<ThrottleOptions> options)
    {
        var o = options.Value;
        Enabled = o.Enabled;
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

    /// <summary>
    /// Lets a request of <paramref name="client"/> in while it could still afford to fail (a token not claimed by its
    /// other requests in flight); otherwise says how long to wait. Every admitted request must be ended by <see cref="Exit"/>.
    /// </summary>
    public bool TryEnter(IPAddress client, out TimeSpan retryAfter)
    {
        retryAfter = _retryAfter;
        lock (_lock)
        {
            var inFlight = _inFlight.GetValueOrDefault(client);
            var available = _limiter.GetStatistics(client)?.CurrentAvailablePermits ?? 0;
            if (available - inFlight < 1)
            {
                return false;
            }

            _inFlight[client] = inFlight + 1;
            return true;
        }
    }

    /// <summary>Ends a request let in by <see cref="TryEnter"/>: a failure spends one token of its client's budget, a success none.</summary>
    public void Exit(IPAddress client, bool failed)
    {
        lock (_lock)
        {
            // Spent before the claim is released, so no other request can take the same token in between.
            if (failed)
            {
                using var lease = _limiter.AttemptAcquire(client);
            }

            var inFlight = _inFlight.GetValueOrDefault(client) - 1;
            if (inFlight > 0)
            {
                _inFlight[client] = inFlight;
            }
            else
            {
                _inFlight.Remove(client);
            }
        }
    }

    /// <summary>
    /// For a handler that answers a failed attempt with something other than 401 (a cookie <c>/logout</c> that ended
    /// nothing): the request then spends its client's budget like a 401.
    /// </summary>
    public static void MarkFailed(HttpContext context) => context.Items[FailedMarker] = FailedMarker;

    internal static bool IsMarkedFailed(HttpContext context) => context.Items.ContainsKey(FailedMarker);

    public void Dispose() => _limiter.Dispose();
}
