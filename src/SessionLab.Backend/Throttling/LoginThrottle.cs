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
        _enabled = o.Login.Enabled;
        _clients = new FailureBudget<IPAddress>(o.Login.ClientBurst, o.Login.RefillInterval, time);
        _users = new FailureBudget<string>(o.Login.UserBurst, o.Login.RefillInterval, time);
        _hashing = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = o.Login.ConcurrentHashes,
            QueueLimit = o.Login.HashQueue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>
    /// Takes one failure from the client network's budget (null: exempt) and, unless the client is a device that has
    /// logged in as this user before, from the username's, before the password is hashed: concurrent guesses then
    /// cannot outrun either budget, since each holds its failure while it waits. Null when admitted; otherwise the
    /// seconds to wait (nothing taken). Every admission ends with <see cref="Release"/> unless the password was wrong.
    /// </summary>
    public int? TryReserve(IPAddress? client, string username, bool knownDevice)
    {
        if (!_enabled)
        {
            return null;
        }

        if (client is not null && !_clients.Spend(client))
        {
            return _clients.SecondsUntilAffordable(client);
        }

        if (!knownDevice && !_users.Spend(username))
        {
            if (client is not null)
            {
                _clients.Refund(client);
            }

            return _users.SecondsUntilAffordable(username);
        }

        return null;
    }

    /// <summary>The login did not fail (right password, or never checked): its reservation is given back.</summary>
    public void Release(IPAddress? client, string username, bool knownDevice)
    {
        if (!_enabled)
        {
            return;
        }

        if (client is not null)
        {
            _clients.Refund(client);
        }

        if (!knownDevice)
        {
            _users.Refund(username);
        }
    }

    /// <summary>A turn to hash a password; not acquired when the queue is full (answer 503).</summary>
    public ValueTask<RateLimitLease> AcquireHashingAsync(CancellationToken cancellationToken) =>
        _hashing.AcquireAsync(1, cancellationToken);

    public void Dispose() => _hashing.Dispose();
}
