using System.Net;
using System.Net.Sockets;

namespace SessionLab.Measurement.Load;

/// <summary>
/// Opens a TCP connection from a chosen local address (a <c>SocketsHttpHandler.ConnectCallback</c>): all of 127/8 is
/// loopback on Linux, so clients can differ in IP, as ip_hash sees them, with no setup. The load generator connects
/// through it for every worker, with or without an address of its own, to ask for inline completions.
/// </summary>
public static class SourceAddressConnector
{
    public static ValueTask<Stream> ConnectAsync(IPAddress source, DnsEndPoint target, CancellationToken cancellationToken) =>
        ConnectAsync(source, target, inlineCompletions: false, cancellationToken);

    /// <param name="source">The local address to connect from; null lets the system choose.</param>
    /// <param name="target">Where to connect.</param>
    /// <param name="inlineCompletions">Run the socket's continuations on the event thread (<see cref="InlineCompletions"/>).</param>
    /// <param name="cancellationToken">Cancels the connect.</param>
    internal static async ValueTask<Stream> ConnectAsync(IPAddress? source, DnsEndPoint target, bool inlineCompletions, CancellationToken cancellationToken)
    {
        var socket = source is null
            ? new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }
            : new Socket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (inlineCompletions)
            {
                InlineCompletions.TryPrefer(socket);
            }

            if (source is not null)
            {
                socket.Bind(new IPEndPoint(source, 0));
            }

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
