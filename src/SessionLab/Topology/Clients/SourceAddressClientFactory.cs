using System.Net;
using SessionLab.Measurement.Load;

namespace SessionLab.Topology.Clients;

/// <summary>
/// HttpClients whose connections leave from a chosen loopback address (127.N.M.1 …). All of 127.0.0.0/8 is loopback on
/// Linux, so clients can differ in IP — in one /24 or not — with no root and no setup: exactly what ip_hash sees.
/// </summary>
internal static class SourceAddressClientFactory
{
    /// <summary>A client bound to <paramref name="source"/>; with <paramref name="cookies"/> it keeps a cookie jar like a browser.</summary>
    public static HttpClient Create(IPAddress source, Uri baseAddress, bool cookies = true, TimeSpan? timeout = null)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = cookies,
            CookieContainer = new CookieContainer(),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = (context, cancellationToken) => SourceAddressConnector.ConnectAsync(source, context.DnsEndPoint, cancellationToken),
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(10) };
    }

    /// <summary>The <paramref name="index"/>-th client address of a set: in one /24 (<c>127.9.9.N</c>) or each in its own /24 (<c>127.N.1.1</c>).</summary>
    public static IPAddress Address(int index, bool sameSubnet) =>
        sameSubnet ? new IPAddress([127, 9, 9, (byte)(index + 1)]) : new IPAddress([127, (byte)(10 + index), 1, 1]);
}
