using System.Net;
using System.Net.Sockets;

namespace SessionLab.Topology.LoadBalancing.Yarp;

/// <summary>
/// nginx's <c>ip_hash</c> (ngx_http_upstream_ip_hash_module.c), step for step, so that YARP and nginx send a
/// client address to the same backend. Weights are all 1 in the lab, so a hash picks index <c>hash % count</c>.
/// </summary>
internal static class NginxIpHash
{
    /// <summary>What <see cref="PickIndex"/> returns where nginx gives up hashing and falls back to round robin.</summary>
    public const int RoundRobinFallback = -1;

    private const int InitialHash = 89;
    private const int Multiplier = 113;
    private const int Modulus = 6271;

    // nginx re-hashes at most 20 more times before falling back to round robin ("tries > 20").
    private const int MaxTries = 20;

    /// <summary>
    /// The backend index nginx picks for <paramref name="client"/> among backends in config order, where
    /// <paramref name="available"/> is false for one that is down, failed or already tried; or
    /// <see cref="RoundRobinFallback"/> when nginx would use round robin (fewer than two backends, or 21 misses).
    /// </summary>
    public static int PickIndex(IPAddress? client, ReadOnlySpan<bool> available)
    {
        var count = available.Length;
        if (count < 2)
        {
            return RoundRobinFallback;
        }

        Span<byte> buffer = stackalloc byte[16];
        var key = HashedBytes(client, buffer);
        var hash = InitialHash;
        var tries = 0;
        while (true)
        {
            // A miss does not restart from 89: nginx keeps hashing the same bytes into the running value.
            foreach (var b in key)
            {
                hash = ((hash * Multiplier) + b) % Modulus;
            }

            var index = hash % count;
            if (available[index])
            {
                return index;
            }

            if (++tries > MaxTries)
            {
                return RoundRobinFallback;
            }
        }
    }

    /// <summary>The bytes nginx hashes: the first three octets of IPv4, all sixteen of IPv6.</summary>
    private static ReadOnlySpan<byte> HashedBytes(IPAddress? client, Span<byte> buffer)
    {
        if (client is null)
        {
            // nginx hashes three zero bytes for a non-IP client (a Unix socket); so do we for an unknown one.
            buffer[..3].Clear();
            return buffer[..3];
        }

        // Kestrel on a dual-stack socket reports IPv4 clients as ::ffff:a.b.c.d; nginx sees them as AF_INET.
        if (client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }

        if (!client.TryWriteBytes(buffer, out var written))
        {
            throw new ArgumentException($"Cannot read the bytes of {client}.", nameof(client));
        }

        return client.AddressFamily == AddressFamily.InterNetwork ? buffer[..3] : buffer[..written];
    }
}
