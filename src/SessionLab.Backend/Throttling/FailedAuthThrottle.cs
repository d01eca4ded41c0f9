using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace SessionLab.Backend.Throttling;

/// <summary>
/// A budget of failed authentications per client network (<see cref="ClientNetwork"/>) for the endpoints that need a
/// session or token. Only a failure spends it, and a client over budget is refused only for credentials that fail a
/// cheap check (<see cref="ICredentialCheck"/>: a session id's signature, a token's signature): a busy NAT or
/// backend-for-frontend whose users hold valid sessions is never refused because one of them guessed, and no guess
/// reaches the store.
/// </summary>
internal sealed class FailedAuthThrottle
{
    private static readonly object FailedMarker = new();

    private readonly IPNetwork[] _exempt;
    private readonly FailureBudget<IPAddress> _clients;

    public FailedAuthThrottle(IOptions<ThrottleOptions> options, TimeProvider time)
    {
        var o = options.Value;
        Enabled = o.Enabled;
        _exempt = [.. o.ExemptNetworks.Select(IPNetwork.Parse)];
        _clients = new FailureBudget<IPAddress>(o.Burst, TimeSpan.FromSeconds(1.0 / o.FailuresPerSecond), time);
    }

    public bool Enabled { get; }

    /// <summary>The network whose budget a request spends, or null when it is not throttled (off, exempt or unknown).</summary>
    public IPAddress? ClientOf(IPAddress? remote)
    {
        if (!Enabled || remote is null)
        {
            return null;
        }

        var client = ClientNetwork.Of(remote);
        foreach (var network in _exempt)
        {
            if (network.Contains(client))
            {
                return null;
            }
        }

        return client;
    }

    /// <summary>Whether <paramref name="client"/> may still fail; one that may not is served only with credentials that pass the cheap check.</summary>
    public bool CanAfford(IPAddress client) => _clients.CanAfford(client);

    /// <summary>Spends one failure of <paramref name="client"/>'s budget.</summary>
    public void Fail(IPAddress client) => _clients.Spend(client);

    /// <summary>For Retry-After: whole seconds until <paramref name="client"/> earns back one failure.</summary>
    public int RetryAfterSeconds(IPAddress client) => _clients.SecondsUntilAffordable(client);

    /// <summary>
    /// For a handler that answers a failed attempt with something other than 401 (a cookie <c>/logout</c> that ended
    /// nothing): the request then spends its client's budget like a 401.
    /// </summary>
    public static void MarkFailed(HttpContext context) => context.Items[FailedMarker] = FailedMarker;

    internal static bool IsMarkedFailed(HttpContext context) => context.Items.ContainsKey(FailedMarker);
}
