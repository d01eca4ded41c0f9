using Microsoft.AspNetCore.Builder;

namespace SessionLab.Backend.Throttling;

/// <summary>Marks an endpoint that needs a session or token, so its 401s spend the client's failure budget.</summary>
internal sealed class ThrottledEndpoint
{
    public static readonly ThrottledEndpoint Instance = new();

    private ThrottledEndpoint()
    {
    }
}

/// <summary>Attaches <see cref="ThrottledEndpoint"/> to a route.</summary>
internal static class ThrottledEndpointExtensions
{
    public static TBuilder RequiresSession<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(ThrottledEndpoint.Instance);
}
