using System.Net;
using System.Net.Sockets;
using SessionLab.Topology;

namespace SessionLab.IntegrationTests.Support;

/// <summary>A port offset at which all of the lab's ports (the plan's 13, the baselines and the experiments' extras) are free, so a test topology runs beside a developer's own.</summary>
internal static class LabPorts
{
    public static TopologyPorts FindFree() => FindFree(_ => []);

    /// <summary>The largest offset that keeps every port of the lab below 32768, where Linux starts handing out ephemeral ports.</summary>
    private static readonly int HighestOffsetBelowEphemeral = 32767 - new TopologyPorts().HighestOfAll;

    /// <summary>A free block whose <paramref name="alsoFree"/> ports (a replicated store's nodes) are free too.</summary>
    public static TopologyPorts FindFree(Func<TopologyPorts, IEnumerable<int>> alsoFree)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            // Every port the lab may take, Redis Cluster's bus ports (node + 10000) included, stays below the kernel's
            // ephemeral range (32768 and up on Linux): a port free when checked could otherwise be taken a moment later by
            // any outgoing connection of a test running beside it (seen in CI: a cluster bus port "already in use").
            var ports = new TopologyPorts(Random.Shared.Next(50, HighestOffsetBelowEphemeral / 100) * 100);
            if (ports.All(includeStore: true, includeBaselines: true).Concat(ports.Extras()).Concat(alsoFree(ports)).All(IsFree))
            {
                return ports;
            }
        }

        throw new InvalidOperationException("No free block of lab ports found.");
    }

    /// <summary>Whether something accepts connections on <paramref name="port"/> (what a test checks is gone after it).</summary>
    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
