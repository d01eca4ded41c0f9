using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SessionLab.Backend.Common;
using SessionLab.Backend.Throttling;

namespace SessionLab.Backend.Sessions;

/// <summary>The cookie-session API of SPEC §3, shared by the sticky and redis schemes: only the store differs.</summary>
internal static class SessionApi
{
    /// <param name="app">The backend.</param>
    /// <param name="instruments">Whether to map the lab instrument <c>/debug/sessions</c> (lab mode only: it lists live session ids).</param>
    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app, bool instruments)
    {
        app.MapPost("/login", LoginAsync);
        app.MapGet("/profile", ProfileAsync).RequiresSession();
        app.MapPost("/logout", LogoutAsync).RequiresSession();
        if (instruments)
        {
            app.MapGet("/debug/sessions", DebugSessionsAsync);
        }

        return app;
    }

    private static async Task<Results<Ok<LoginResponse>, JsonHttpResult<ErrorResponse>>> LoginAsync(
        HttpContext context, LoginFlow login, ISessionStore store, SessionCookie cookie, SessionIds ids, ServerIdentity server)
    {
        var (user, error) = await login.AuthenticateAsync(context);
        if (user is null)
        {
            return error!;
        }

        // No fixation: a fresh id every login; a session the client already had is ended, never adopted.
        if (cookie.Read(context.Request).SessionId is { } previous && ids.IsAuthentic(previous))
        {
            await store.DeleteAsync(previous, context.RequestAborted);
        }

        var session = await store.CreateAsync(user, context.RequestAborted);
        cookie.Write(context.Response, session.SessionId);
        return TypedResults.Ok(new LoginResponse(server.ServerId, user.UserId, user.Username, "login successful"));
    }

    private static async Task<Results<Ok<ProfileResponse>, JsonHttpResult<ErrorResponse>>> ProfileAsync(
        HttpContext context, ISessionStore store, SessionCookie cookie, SessionIds ids, ServerIdentity server)
    {
        var read = cookie.Read(context.Request);
        if (read.Duplicated)
        {
            return server.Error(StatusCodes.Status400BadRequest, ErrorMessages.DuplicateSessionCookie);
        }

        // A forged or guessed id fails its signature here, without a store lookup.
        if (!ids.IsAuthentic(read.SessionId))
        {
            return server.Error(StatusCodes.Status401Unauthorized, ErrorMessages.SessionNotFound);
        }

        var session = await store.GetAndTouchAsync(read.SessionId!, context.RequestAborted);
        return session is null
            ? server.Error(StatusCodes.Status401Unauthorized, ErrorMessages.SessionNotFound)
            : TypedResults.Ok(new ProfileResponse(session.UserId, session.Username, server.ServerId));
    }

    private static async Task<Results<Ok<LogoutResponse>, JsonHttpResult<ErrorResponse>>> LogoutAsync(
        HttpContext context, ISessionStore store, SessionCookie cookie, SessionIds ids, ServerIdentity server)
    {
        var read = cookie.Read(context.Request);
        if (read.Duplicated)
        {
            return server.Error(StatusCodes.Status400BadRequest, ErrorMessages.DuplicateSessionCookie);
        }

        var authentic = ids.IsAuthentic(read.SessionId);
        var ended = authentic && await store.DeleteAsync(read.SessionId!, context.RequestAborted);
        if (!ended && read.SessionId is not null)
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
