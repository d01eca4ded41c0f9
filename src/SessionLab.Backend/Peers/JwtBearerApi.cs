using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SessionLab.Backend.Common;
using SessionLab.Backend.Jwt;
using SessionLab.Backend.Throttling;

namespace SessionLab.Backend.Peers;

/// <summary>
/// The baseline for the JWT scheme: ASP.NET Core's <c>JwtBearer</c> handler and <c>RequireAuthorization()</c>,
/// validating the very same tokens with the very same rules (HS256, issuer, skew). No blacklist: the built-in has none.
/// </summary>
internal static class JwtBearerApi
{
    public static IEndpointRouteBuilder MapJwtBearerApi(this IEndpointRouteBuilder app, bool instruments)
    {
        // The same login as our JWT scheme: only how /profile validates the token differs.
        app.MapPost("/login", JwtApi.LoginAsync);
        app.MapGet("/profile", Profile).RequireAuthorization().RequiresSession();
        if (instruments)
        {
            app.MapGet("/debug/sessions", (ServerIdentity server) => TypedResults.Ok(new DebugSessionsResponse(server.ServerId, 0)));
        }

        return app;
    }

    private static Results<Ok<ProfileResponse>, JsonHttpResult<ErrorResponse>> Profile(ClaimsPrincipal user, ServerIdentity server)
    {
        var userId = user.FindFirstValue(TokenService.UserIdClaim);
        var username = user.FindFirstValue(TokenService.UsernameClaim);
        return int.TryParse(userId, System.Globalization.CultureInfo.InvariantCulture, out var id) && username is not null
            ? TypedResults.Ok(new ProfileResponse(id, username, server.ServerId))
            : server.Error(StatusCodes.Status401Unauthorized, ErrorMessages.InvalidToken);
    }
}
