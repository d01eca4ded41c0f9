using System.Diagnostics;
using SessionLab.Backend.Jwt;

namespace SessionLab.Experiments.Framework.FaultsUnderLoad;

/// <summary>Asks a JWT backend with revocation on about a revoked token once it reads the blacklist again after a store outage.</summary>
internal static class RevokedTokenProbe
{
    /// <summary>
    /// The token's <c>/profile</c> reply once it comes from the store: 401 (still revoked), or 200 with the blacklist check
    /// passed (the entry is gone). A 503, or a fail-open 200 that skipped the check, means the backend has not reconnected
    /// yet: ask again, every 100 ms, for at most <paramref name="limit"/>; null when it never did.
    /// </summary>
    public static async Task<int?> ReplyFromStoreAsync(LabClient client, string token, TimeSpan limit, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            var reply = await client.GetAsync("/profile", cancellationToken, bearer: token);
            if (reply.Status == 401 || (reply.Status == 200 && reply.Property("revocation_check") == RevocationCheck.Passed))
            {
                return reply.Status;
            }

            await Task.Delay(100, cancellationToken);
        }

        return null;
    }
}
