using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SessionLab.Backend.Common;
using SessionLab.Backend.Throttling;

namespace SessionLab.Backend.Sessions;

/// <summary>
/// The cookie-session API of SPEC §3 and §6 (<c>/sessions</c>, <c>/logout-all</c>), shared by the sticky and redis
/// schemes: only the store, and so the scope of the per-user endpoints, differs.
/// </summary>
internal static class SessionApi
{
    /// <summary>How much of a session id <c>/sessions</c> shows: enough to tell devices apart (48 random bits), far too little to use.</summary>
    public const int IdPrefixLength = 8;

    /// <param name="app">The backend.</param>
    /// <param name="instruments">Whether to map the lab instrument <c>/debug/sessions</c> (lab mode only: it lists live session ids).</param>
    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app, bool instruments)
    {
        app.MapPost("/login", LoginAsync);
        app.MapGet("/profile", ProfileAsync).RequiresSession();
        app.MapPost("/logout", LogoutAsync).RequiresSession();
        app.MapGet("/sessions", SessionsAsync).RequiresSession();
        app.MapPost("/logout-all", LogoutAllAsync).RequiresSession();
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
        var (session, error) = await CurrentSessionAsync(context, store, cookie, ids, server);
        return session is null ? error! : TypedResults.Ok(new ProfileResponse(session.UserId, session.Username, server.ServerId));
    }

    /// <summary><c>GET /sessions</c>: the caller's live sessions within the store's scope, by id prefix only.</summary>
    private static async Task<Results<Ok<UserSessionsResponse>, JsonHttpResult<ErrorResponse>>> SessionsAsync(
        HttpContext context, ISessionStore store, SessionCookie cookie, SessionIds ids, ServerIdentity server)
    {
        var (current, error) = await CurrentSessionAsync(context, store, cookie, ids, server);
        if (current is null)
        {
            return error!;
        }

        var sessions = await store.ListForUserAsync(current.UserId, context.RequestAborted);
        var entries = sessions
            .OrderBy(s => s.CreatedAt)
            .Select(s => new UserSessionEntry(
                s.SessionId[..IdPrefixLength],
                s.CreatedAt,
                s.LastSeenAt,
                s.ExpiresAt,
                s.AbsoluteExpiresAt,
                string.Equals(s.SessionId, current.SessionId, StringComparison.Ordinal)))
            .ToList();
        return TypedResults.Ok(new UserSessionsResponse(server.ServerId, current.UserId, store.Scope, entries.Count, entries));
    }

    /// <summary><c>POST /logout-all</c>: ends every session of the caller within the store's scope, the caller's own included.</summary>
    private static async Task<Results<Ok<LogoutAllResponse>, JsonHttpResult<ErrorResponse>>> LogoutAllAsync(
        HttpContext context, ISessionStore store, SessionCookie cookie, SessionIds ids, ServerIdentity server)
    {
        var (current, error) = await CurrentSessionAsync(context, store, cookie, ids, server);
        if (current is null)
        {
            return error!;
        }

        var ended = await store.DeleteForUserAsync(current.UserId, context.RequestAborted);
        cookie.Clear(context.Response);
        var message = store.Scope == SessionScopes.AllBackends
            ? "logged out everywhere"
            : "logged out of every session this backend holds; sessions on other backends are untouched";
        return TypedResults.Ok(new LogoutAllResponse(server.ServerId, current.UserId, store.Scope, message, ended));
    }

    /// <summary>The request's live session (its idle expiry renewed), or the 400/401 to answer instead.</summary>
    private static async Task<(SessionRecord? Session, JsonHttpResult<ErrorResponse>? Error)> CurrentSessionAsync(
        HttpContext context, ISessionStore store, SessionCookie cookie, SessionIds ids, ServerIdentity server)
    {
        var read = cookie.Read(context.Request);
        if (read.Duplicated)
        {
            return (null, server.Error(StatusCodes.Status400BadRequest, ErrorMessages.DuplicateSessionCookie));
        }

        // A forged or guessed id fails its signature here, without a store lookup.
        if (!ids.IsAuthentic(read.SessionId))
        {
            return (null, server.Error(StatusCodes.Status401Unauthorized, ErrorMessages.SessionNotFound));
        }

        var session = await store.GetAndTouchAsync(read.SessionId!, context.RequestAborted);
        return session is null ? (null, server.Error(StatusCodes.Status401Unauthorized, ErrorMessages.SessionNotFound)) : (session, null);
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
