using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SessionLab.Backend.Common;
using SessionLab.Backend.Identity;
using SessionLab.Backend.Throttling;

namespace SessionLab.Backend.Sessions;

/// <summary>The cookie-session API of SPEC §3, shared by the sticky and redis schemes: only the store differs.</summary>
internal static class SessionApi
{
    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/login", LoginAsync);
        app.MapGet("/profile", ProfileAsync).RequiresSession();
        app.MapPost("/logout", LogoutAsync).RequiresSession();
        app.MapGet("/debug/sessions", DebugSessionsAsync);
        return app;
    }

    private static async Task<Results<Ok<LoginResponse>, JsonHttpResult<ErrorResponse>>> LoginAsync(
        HttpContext context, IUserDirectory users, ISessionStore store, SessionCookie cookie, ServerIdentity server)
    {
        var (user, error) = await LoginFlow.AuthenticateAsync(context, users, server);
        if (user is null)
        {
            return error!;
        }

        // No fixation: a fresh id every login; a session the client already had is ended, never adopted.
        if (SessionCookie.Read(context.Request) is { } previous && SessionIds.IsWellFormed(previous))
        {
            await store.DeleteAsync(previous, context.RequestAborted);
        }

        var session = await store.CreateAsync(user, context.RequestAborted);
        cookie.Write(context.Response, session.SessionId);
        return TypedResults.Ok(new LoginResponse(server.ServerId, user.UserId, user.Username, "login successful"));
    }

    private static async Task<Results<Ok<ProfileResponse>, JsonHttpResult<ErrorResponse>>> ProfileAsync(
        HttpContext context, ISessionStore store, ServerIdentity server)
    {
        var sessionId = SessionCookie.Read(context.Request);
        if (!SessionIds.IsWellFormed(sessionId))
        {
            return server.Error(StatusCodes.Status401Unauthorized, ErrorMessages.SessionNotFound);
        }

        var session = await store.GetAndTouchAsync(sessionId!, context.RequestAborted);
        return session is null
            ? server.Error(StatusCodes.Status401Unauthorized, ErrorMessages.SessionNotFound)
            : TypedResults.Ok(new ProfileResponse(session.UserId, session.Username, server.ServerId));
    }

    private static async Task<Ok<LogoutResponse>> LogoutAsync(
        HttpContext context, ISessionStore store, SessionCookie cookie, ServerIdentity server)
    {
        var sessionId = SessionCookie.Read(context.Request);
        var ended = SessionIds.IsWellFormed(sessionId) && await store.DeleteAsync(sessionId!, context.RequestAborted);
        if (!ended && SessionIds.IsWellFormed(sessionId))
        {
            // Answered 200 either way, but "no session to end" tells a guesser its id was wrong: a failure like a 401.
            FailedAuthThrottle.MarkFailed(context);
        }

        cookie.Clear(context.Response);
        return TypedResults.Ok(new LogoutResponse(server.ServerId, ended ? "logged out" : "no session to end", ended));
    }

    private static async Task<Ok<DebugSessionsResponse>> DebugSessionsAsync(
        HttpContext context, ISessionStore store, ServerIdentity server, IOptions<SessionOptions> options)
    {
        var listing = await store.ListAsync(options.Value.MaxListedIds, context.RequestAborted);
        var truncated = listing.Count > listing.Ids.Count ? true : (bool?)null;
        return TypedResults.Ok(new DebugSessionsResponse(server.ServerId, listing.Count, listing.Ids, truncated));
    }
}
