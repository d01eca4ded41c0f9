using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SessionLab.Backend.Common;
using SessionLab.Backend.Throttling;

namespace SessionLab.Backend.Peers;

/// <summary>
/// The baseline a .NET developer would reach for first: <c>app.UseSession()</c> over <c>IDistributedCache</c> in Redis,
/// with Data Protection keys shared in Redis so every backend can read every cookie. Same API as the redis scheme,
/// so the two can be measured side by side.
/// </summary>
internal static class AspNetSessionApi
{
    private const string UserIdKey = "user_id";
    private const string UsernameKey = "username";

    public static IEndpointRouteBuilder MapAspNetSessionApi(this IEndpointRouteBuilder app, bool instruments)
    {
        app.MapPost("/login", LoginAsync);
        app.MapGet("/profile", ProfileAsync).RequiresSession();
        app.MapPost("/logout", LogoutAsync);
        if (instruments)
        {
            app.MapGet("/debug/sessions", (ServerIdentity server) => TypedResults.Ok(new DebugSessionsResponse(server.ServerId, -1)));
        }

        return app;
    }

    private static async Task<Results<Ok<LoginResponse>, JsonHttpResult<ErrorResponse>>> LoginAsync(HttpContext context, LoginFlow login, ServerIdentity server)
    {
        var (user, error) = await login.AuthenticateAsync(context);
        if (user is null)
        {
            return error!;
        }

        // Note: the middleware keeps the session key a client already has (it has no "renew id on login"); clearing is all it offers.
        await context.Session.LoadAsync(context.RequestAborted);
        context.Session.Clear();
        context.Session.SetInt32(UserIdKey, user.UserId);
        context.Session.SetString(UsernameKey, user.Username);
        await context.Session.CommitAsync(context.RequestAborted);
        return TypedResults.Ok(new LoginResponse(server.ServerId, user.UserId, user.Username, "login successful"));
    }

    private static async Task<Results<Ok<ProfileResponse>, JsonHttpResult<ErrorResponse>>> ProfileAsync(HttpContext context, ServerIdentity server)
    {
        await context.Session.LoadAsync(context.RequestAborted);
        if (!context.Session.IsAvailable)
        {
            // The middleware swallows store errors and hands out an unavailable session: that is an outage, not a logout.
            return server.Error(StatusCodes.Status503ServiceUnavailable, ErrorMessages.SessionStoreUnavailable);
        }

        return context.Session.GetInt32(UserIdKey) is { } userId && context.Session.GetString(UsernameKey) is { } username
            ? TypedResults.Ok(new ProfileResponse(userId, username, server.ServerId))
            : server.Error(StatusCodes.Status401Unauthorized, ErrorMessages.SessionNotFound);
    }

    private static async Task<Ok<LogoutResponse>> LogoutAsync(HttpContext context, ServerIdentity server)
    {
        await context.Session.LoadAsync(context.RequestAborted);
        var ended = context.Session.GetInt32(UserIdKey) is not null;
        context.Session.Clear();
        await context.Session.CommitAsync(context.RequestAborted);
        context.Response.Cookies.Delete(Sessions.SessionOptions.CookieName);
        return TypedResults.Ok(new LogoutResponse(server.ServerId, ended ? "logged out" : "no session to end", ended));
    }
}
