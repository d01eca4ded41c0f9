using System.Net;
using System.Net.Sockets;

namespace SessionLab.Backend.Throttling;

/// <summary>
/// The unit a failure budget is kept for: an IPv4 address, or an IPv6 /64 — one subscriber's whole prefix, since an
/// IPv6 client can pick any of its 2^64 addresses for each request.
/// </summary>
internal static class ClientNetwork
{
    public static IPAddress Of(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes);
    }
}
