using System.Net.Sockets;
using System.Text;

namespace SessionLab.Topology.Stores;

/// <summary>A bare RESP <c>PING</c>: the readiness probe for any Redis-compatible server, without a client library's retries.</summary>
internal static class RedisPing
{
    public static async Task<bool> IsUpAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer, timeout.Token);
        return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
    }
}
