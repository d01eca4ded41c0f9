using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace SessionLab.Backend.Common;

/// <summary><c>GET /health</c>: the process is up (503 while it drains before stopping). Deliberately does not consult Redis, so an LB keeps a backend whose store is down.</summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        // While a graceful stop drains, 503: a balancer or orchestrator with active checks stops picking this backend.
        app.MapGet("/health", Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>> (ServerIdentity server, ShutdownDrain drain) =>
            drain.IsDraining
                ? TypedResults.Json(new HealthResponse(server.ServerId, "draining", server.Scheme.ToString().ToLowerInvariant()), statusCode: StatusCodes.Status503ServiceUnavailable)
                : TypedResults.Ok(new HealthResponse(server.ServerId, "ok", server.Scheme.ToString().ToLowerInvariant())));

        return app;
    }
}
