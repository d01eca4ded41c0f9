using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SessionLab.Backend.Common;

/// <summary><c>GET /health</c>: the process is up. Deliberately does not consult Redis, so an LB keeps a backend whose store is down.</summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", (ServerIdentity server) =>
            TypedResults.Ok(new HealthResponse(server.ServerId, "ok", server.Scheme.ToString().ToLowerInvariant())));
        return app;
    }
}
