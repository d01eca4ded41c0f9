using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Serialization;

namespace SessionLab.IntegrationTests.Support;

/// <summary>Helpers for load-balancer tests: free ports, clients with their own source address, real sticky backends.</summary>
internal static class YarpTestSupport
{
    /// <summary>A port nobody listens on right now (the OS picks it).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// An HTTP client whose connections come from <paramref name="source"/>: all of 127/8 is loopback on Linux, so
    /// binding to e.g. 127.3.1.1 gives each simulated client a distinct address without root.
    /// </summary>
    public static HttpClient ClientFrom(IPAddress source)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(15) };
    }

    /// <summary>The <c>server_id</c> of the backend that answered <c>GET /health</c> on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<string> ServerIdAsync(HttpClient client, int port, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/health"), cancellationToken);
        response.EnsureSuccessStatusCode();
        var health = await response.Content.ReadFromJsonAsync<Health>(cancellationToken);
        return health?.ServerId ?? throw new InvalidOperationException("The reply has no server_id.");
    }

    /// <summary>Asks through <paramref name="port"/> from <paramref name="source"/> with a fresh client.</summary>
    public static async Task<string> ServerIdFromAsync(IPAddress source, int port, CancellationToken cancellationToken)
    {
        using var client = ClientFrom(source);
        return await ServerIdAsync(client, port, cancellationToken);
    }

    private sealed record Health([property: JsonPropertyName("server_id")] string ServerId);
}
