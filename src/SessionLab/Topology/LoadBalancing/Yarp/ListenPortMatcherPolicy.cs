using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace SessionLab.Topology.LoadBalancing.Yarp;

/// <summary>
/// Routes by the port a connection arrived on (<see cref="ConnectionInfo.LocalPort"/>), as an nginx <c>listen</c>
/// does. YARP's <c>Match.Hosts</c> (ASP.NET Core's host matching) reads the Host header instead: a client that sends
/// <c>Host: example</c> without a port is taken to mean port 80, and any client can name another group's port.
/// </summary>
internal sealed class ListenPortMatcherPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(e => e.Metadata.GetMetadata<ListenPortMetadata>() is not null);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var port = httpContext.Connection.LocalPort;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates.IsValidCandidate(i) && candidates[i].Endpoint.Metadata.GetMetadata<ListenPortMetadata>() is { } listen && listen.Port != port)
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }
}
