using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace SessionLab.Topology.LoadBalancing.Yarp;

/// <summary>
/// nginx's <c>down</c> for YARP: destinations taken out of rotation are removed from each request's available
/// destinations before load balancing, so no new request goes to them while requests already forwarded finish. The
/// IP-hash policy hashes over every configured destination and skips unavailable ones, as nginx does with a <c>down</c>
/// server: only that destination's clients move.
/// </summary>
internal sealed class DestinationRotation
{
    private readonly Lock _lock = new();
    private FrozenSet<(string Cluster, string Destination)> _out = FrozenSet<(string, string)>.Empty;

    /// <summary>Takes a destination out of rotation or puts it back; requests reaching load balancing afterwards see the change.</summary>
    public void Set(string cluster, string destination, bool inRotation)
    {
        lock (_lock)
        {
            var next = _out.ToHashSet();
            _ = inRotation ? next.Remove((cluster, destination)) : next.Add((cluster, destination));
            Volatile.Write(ref _out, next.ToFrozenSet());
        }
    }

    /// <summary>Runs before retries and load balancing, so neither ever sees a destination out of rotation.</summary>
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var taken = Volatile.Read(ref _out);
        if (taken.Count > 0)
        {
            var proxy = context.GetReverseProxyFeature();
            var cluster = proxy.Cluster.Config.ClusterId;
            var available = proxy.AvailableDestinations;
            if (available.Any(d => taken.Contains((cluster, d.DestinationId))))
            {
                proxy.AvailableDestinations = [.. available.Where(d => !taken.Contains((cluster, d.DestinationId)))];
            }
        }

        return next(context);
    }
}
