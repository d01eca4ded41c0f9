using System.Net;
using System.Net.Sockets;

namespace SessionLab.IntegrationTests.Support;

/// <summary>Ports nobody listens on right now, so tests run beside a developer's own lab on the plan's ports.</summary>
internal static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
