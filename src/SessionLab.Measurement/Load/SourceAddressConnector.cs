using System.Net;
using System.Net.Sockets;

namespace SessionLab.Measurement.Load;

/// <summary>
/// Opens a TCP connection from a chosen local address (a <c>SocketsHttpHandler.ConnectCallback</c>): all of 127/8 is
/// loopback on Linux, so clients can differ in IP, as ip_hash sees them, with no setup.
/// </summary>
public static class SourceAddressConnector
{
    public static async ValueTask<Stream> ConnectAsync(IPAddress source, DnsEndPoint target, CancellationToken cancellationToken)
    {
        var socket = new Socket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(source, 0));
            await socket.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
