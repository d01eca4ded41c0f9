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

        // For the resource experiment (4.3): memory as the runtime sees it. ?gc=true collects first, so the managed
        // heap counts live objects only (sessions), not garbage waiting for the next collection.
        app.MapGet("/debug/runtime", (HttpContext context, ServerIdentity server) =>
        {
            if (context.Request.Query["gc"] == "true")
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            }

            var info = GC.GetGCMemoryInfo();
            return TypedResults.Ok(new RuntimeResponse(
                server.ServerId,
                GC.GetTotalMemory(forceFullCollection: false),
                info.HeapSizeBytes,
                Environment.WorkingSet,
                GC.GetTotalAllocatedBytes(),
                GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2)));
        });
        return app;
    }
}
