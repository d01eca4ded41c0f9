using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace SessionLab.Topology.LoadBalancing.Yarp;

/// <summary>
/// YARP passive health check with nginx's <c>max_fails</c>/<c>fail_timeout</c> semantics (see <see cref="NginxPeerFailures"/>).
/// YARP's own <c>TransportFailureRate</c> judges a failure rate over a minimum request count, which would keep a
/// dead backend in rotation far longer than nginx does.
/// </summary>
internal sealed partial class NginxMaxFailsHealthPolicy(
    PassiveHealthOptions options,
    IDestinationHealthUpdater healthUpdater,
    TimeProvider time,
    ILogger<NginxMaxFailsHealthPolicy> logger) : IPassiveHealthCheckPolicy
{
    /// <summary>The name clusters use in <c>HealthCheck.Passive.Policy</c>.</summary>
    public const string PolicyName = "NginxMaxFails";

    private readonly ConditionalWeakTable<DestinationState, NginxPeerFailures> _peers = new();
    private readonly long _origin = time.GetTimestamp();

    public string Name => PolicyName;

    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        var failed = IsUpstreamFailure(context.GetForwarderErrorFeature()?.Error);
        var peer = _peers.GetValue(destination, _ => new NginxPeerFailures(options.MaxFails, options.FailTimeout));
        if (peer.Record(failed, time.GetElapsedTime(_origin)))
        {
            LogTakenOut(logger, cluster.ClusterId, destination.DestinationId, options.FailTimeout.TotalSeconds);
            healthUpdater.SetPassive(cluster, destination, DestinationHealth.Unhealthy, options.FailTimeout);
        }
    }

    /// <summary>
    /// What nginx counts as an unsuccessful attempt by default (<c>proxy_next_upstream error timeout</c>): failing to
    /// connect, to send the request, or to read the response header. Errors on the client's side are not the backend's fault.
    /// </summary>
    internal static bool IsUpstreamFailure(ForwarderError? error) =>
        error is ForwarderError.Request or ForwarderError.RequestTimedOut or ForwarderError.RequestBodyDestination;

    [LoggerMessage(Level = LogLevel.Warning, Message = "upstream server temporarily disabled: {Cluster}/{Destination} for {Seconds} s")]
    private static partial void LogTakenOut(ILogger logger, string cluster, string destination, double seconds);
}
