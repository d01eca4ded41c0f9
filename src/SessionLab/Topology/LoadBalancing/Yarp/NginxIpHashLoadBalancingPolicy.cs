using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace SessionLab.Topology.LoadBalancing.Yarp;

/// <summary>
/// YARP policy that picks like nginx <c>ip_hash</c> (see <see cref="NginxIpHash"/>). nginx hashes over every
/// configured server and skips the unavailable ones, whereas YARP hands a policy only the available ones; so the
/// hash runs over the cluster's full destination list in config order, with availability taken from YARP's list.
/// </summary>
internal sealed class NginxIpHashLoadBalancingPolicy : ILoadBalancingPolicy
{
    /// <summary>The name clusters use in <c>LoadBalancingPolicy</c>.</summary>
    public const string PolicyName = "NginxIpHash";

    // Stackalloc bound for the availability flags; the lab has three backends per group.
    private const int StackLimit = 64;

    private readonly ConditionalWeakTable<ClusterState, RoundRobinCounter> _fallbackCounters = new();

    // YARP rebuilds AllDestinations only when the config changes, so its order is computed once per list.
    private readonly ConditionalWeakTable<IReadOnlyList<DestinationState>, DestinationState[]> _configOrder = new();

    public string Name => PolicyName;

    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations)
    {
        if (availableDestinations.Count == 0)
        {
            return null;
        }

        var all = _configOrder.GetValue(cluster.DestinationsState.AllDestinations, InConfigOrder);
        var available = all.Length <= StackLimit ? stackalloc bool[all.Length] : new bool[all.Length];
        for (var i = 0; i < all.Length; i++)
        {
            available[i] = Contains(availableDestinations, all[i]);
        }

        var index = NginxIpHash.PickIndex(context.Connection.RemoteIpAddress, available);
        if (index != NginxIpHash.RoundRobinFallback)
        {
            return all[index];
        }

        var counter = _fallbackCounters.GetOrCreateValue(cluster);
        return availableDestinations[counter.Next() % availableDestinations.Count];
    }

    /// <summary>
    /// Destination ids are <c>server-1</c> … <c>server-N</c> in config order; comparing length first keeps
    /// <c>server-10</c> after <c>server-9</c>.
    /// </summary>
    private static DestinationState[] InConfigOrder(IReadOnlyList<DestinationState> destinations) =>
        [.. destinations.OrderBy(d => d.DestinationId.Length).ThenBy(d => d.DestinationId, StringComparer.Ordinal)];

    private static bool Contains(IReadOnlyList<DestinationState> destinations, DestinationState destination)
    {
        for (var i = 0; i < destinations.Count; i++)
        {
            if (ReferenceEquals(destinations[i], destination))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The round robin nginx falls back to once hashing has missed 21 times.</summary>
    private sealed class RoundRobinCounter
    {
        private int _value = -1;

        public int Next() => Interlocked.Increment(ref _value) & int.MaxValue;
    }
}
