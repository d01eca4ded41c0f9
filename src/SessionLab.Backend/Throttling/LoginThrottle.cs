using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SessionLab.Backend.Throttling;

/// <summary>
/// Budgets of failed logins per client network and per username (<see cref="LoginThrottleOptions"/>), checked before
/// a password is hashed, and a limit on hashes computed at once, so guessing passwords costs the guesser time and
/// costs the backend a bounded share of its CPU.
/// </summary>
internal sealed class LoginThrottle : IDisposable
{
    private readonly bool _enabled;
    private readonly FailureBudget<IPAddress> _clients;
    private readonly FailureBudget<string> _users;
    private readonly ConcurrencyLimiter _hashing;

    public LoginThrottle(IOptions<ThrottleOptions> options, TimeProvider time)
    {
        var o = options.Value;
        _enabled = o.Enabled;
        _clients = new FailureBudget<IPAddress>(o.Login.ClientBurst, o.Login.RefillInterval, time);
        _users = new FailureBudget<string>(o.Login.UserBurst, o.Login.RefillInterval, time);
        _hashing = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = o.Login.ConcurrentHashes,
            QueueLimit = o.Login.HashQueue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Null when <paramref name="client"/> (null: exempt) and <paramref name="username"/> may still fail; otherwise seconds to wait.</summary>
    public int? RetryAfterSeconds(IPAddress? client, string username)
    {
        if (!_enabled)
        {
            return null;
        }

        if (client is not null && !_clients.CanAfford(client))
        {
            return _clients.SecondsUntilAffordable(client);
        }

        return _users.CanAfford(username) ? null : _users.SecondsUntilAffordable(username);
    }

    /// <summary>A wrong password: spends one failure of the client network and one of the username.</summary>
    public void Fail(IPAddress? client, string username)
    {
        if (!_enabled)
        {
            return;
        }

        if (client is not null)
        {
            _clients.Spend(client);
        }

        _users.Spend(username);
    }

    /// <summary>A turn to hash a password; not acquired when the queue is full (answer 503).</summary>
    public ValueTask<RateLimitLease> AcquireHashingAsync(CancellationToken cancellationToken) =>
        _hashing.AcquireAsync(1, cancellationToken);

    public void Dispose() => _hashing.Dispose();
}
