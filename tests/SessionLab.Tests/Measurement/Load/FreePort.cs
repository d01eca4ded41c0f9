using System.Net;
using System.Net.Sockets;

namespace SessionLab.Tests.Measurement.Load;

internal static class FreePort
{
    /// <summary>A loopback port nothing listens on (bound then released: good enough for a refused connection).</summary>
    public static int Find()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
