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

    /// <summary>
    /// Offsets handed out in this test process, never handed out again: right after one topology is disposed, its tests
    /// check that nothing listens on its ports any more, and a topology of another test class starting at that moment on
    /// the same (now free) block would fail that check.
    /// </summary>
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A free block whose <paramref name="alsoFree"/> ports (a replicated store's nodes) are free too.</summary>
    public static TopologyPorts FindFree(Func<TopologyPorts, IEnumerable<int>> alsoFree)
    {
        // Every port the lab may take, Redis Cluster's bus ports (node + 10000) included, stays below the kernel's
        // ephemeral range (32768 and up on Linux): a port free when checked could otherwise be taken a moment later by
        // any outgoing connection of a test running beside it (seen in CI: a cluster bus port "already in use").
        int[] candidates;
        lock (HandedOut)
        {
            candidates = [.. Enumerable.Range(50, (HighestOffsetBelowEphemeral / 100) - 50).Select(step => step * 100).Where(offset => !HandedOut.Contains(offset))];
        }

        Random.Shared.Shuffle(candidates);
        foreach (var offset in candidates.Take(50))
        {
            var ports = new TopologyPorts(offset);
            if (!ports.All(includeStore: true, includeBaselines: true).Concat(ports.Extras()).Concat(alsoFree(ports)).All(IsFree))
            {
                continue;
            }

            lock (HandedOut)
            {
                if (HandedOut.Add(offset))
                {
                    return ports;
                }
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
