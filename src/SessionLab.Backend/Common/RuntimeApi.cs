using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SessionLab.Backend.Common;

/// <summary><c>GET /debug/runtime</c>: a lab instrument, mapped only in lab mode (<see cref="LabMode"/>).</summary>
internal static class RuntimeApi
{
    public static IEndpointRouteBuilder MapRuntimeApi(this IEndpointRouteBuilder app)
    {
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
