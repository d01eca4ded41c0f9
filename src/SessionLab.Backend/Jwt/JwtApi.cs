using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SessionLab.Backend.Common;
using SessionLab.Backend.Identity;
using SessionLab.Backend.Throttling;

namespace SessionLab.Backend.Jwt;

/// <summary>
/// The JWT scheme's API of SPEC §3: stateless <c>/profile</c>, blacklist-backed <c>/logout</c>; and of §6 through
/// <see cref="RefreshApi"/>: refresh tokens, <c>/refresh</c>, <c>/logout-all</c>.
/// </summary>
internal static class JwtApi
{
    /// <summary>The plan's short-token user.</summary>
    private static readonly AuthenticatedUser ShortTokenUser = new(1001, "test");

    private const int MaxShortTokenSeconds = JwtOptions.MaxShortTokenSeconds;

    /// <param name="app">The backend.</param>
    /// <param name="instruments">
    /// Whether to map the lab instruments: <c>/login-short</c> mints a token for the plan's test user without any
    /// credentials, so it exists in lab mode only.
    /// </param>
    public static IEndpointRouteBuilder MapJwtApi(this IEndpointRouteBuilder app, bool instruments)
    {
        app.MapPost("/login", RefreshApi.LoginAsync);
        app.MapRefreshApi();
        if (instruments)
        {
            app.MapPost("/login-short", LoginShort);
            app.MapGet("/debug/sessions", (ServerIdentity server) => TypedResults.Ok(new DebugSessionsResponse(server.ServerId, 0)));
        }

        app.MapGet("/profile", (HttpContext context, TokenAuthorizer authorizer, ServerIdentity server) =>
            ProfileAsync(context, authorizer, server, authorizer.RevocationOnByDefault)).RequiresSession();
        app.MapGet("/profile-with-blacklist", (HttpContext context, TokenAuthorizer authorizer, ServerIdentity server) =>
            ProfileAsync(context, authorizer, server, consultBlacklist: true)).RequiresSession();
        app.MapPost("/logout", LogoutAsync).RequiresSession();
        return app;
    }

    /// <summary><c>POST /login</c>: a token for valid credentials (also the JwtBearer baseline's login).</summary>
    internal static async Task<Results<Ok<TokenResponse>, JsonHttpResult<ErrorResponse>>> LoginAsync(
        HttpContext context, LoginFlow login, TokenService tokens, IOptions<JwtOptions> options, ServerIdentity server)
    {
        var (user, error) = await login.AuthenticateAsync(context);
        if (user is null)
        {
            return error!;
        }

        return TypedResults.Ok(IssueFor(user, options.Value.Lifetime, tokens, server));
    }

    /// <summary>The plan's 5-second token; <c>?seconds=N</c> (1–3600) asks for another lifetime, e.g. 30 for experiment 3.3.</summary>
    private static Results<Ok<TokenResponse>, JsonHttpResult<ErrorResponse>> LoginShort(
        HttpContext context, TokenService tokens, IOptions<JwtOptions> options, ServerIdentity server)
    {
        var lifetime = options.Value.ShortLifetime;
        if (context.Request.Query.TryGetValue("seconds", out var requested))
        {
            if (!int.TryParse(requested, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                || seconds is < 1 or > MaxShortTokenSeconds)
            {
                return server.Error(StatusCodes.Status400BadRequest, $"seconds must be a whole number from 1 to {MaxShortTokenSeconds}");
            }

            lifetime = TimeSpan.FromSeconds(seconds);
        }

        return TypedResults.Ok(IssueFor(ShortTokenUser, lifetime, tokens, server));
    }

    private static async Task<Results<Ok<TokenProfileResponse>, JsonHttpResult<ErrorResponse>>> ProfileAsync(
        HttpContext context, TokenAuthorizer authorizer, ServerIdentity server, bool consultBlacklist)
    {
        var auth = await authorizer.AuthorizeAsync(context, consultBlacklist);
        if (auth.Claims is not { } claims)
        {
            return server.Error(auth.StatusCode, auth.Error!);
        }

        return TypedResults.Ok(new TokenProfileResponse(
            claims.UserId,
            claims.Username,
            server.ServerId,
            claims.Issuer,
            claims.IssuedAt.ToUnixTimeSeconds(),
            claims.ExpiresAt.ToUnixTimeSeconds(),
            claims.TokenId,
            auth.RevocationCheck));
    }

    private static async Task<Results<Ok<TokenLogoutResponse>, JsonHttpResult<ErrorResponse>>> LogoutAsync(
        HttpContext context, TokenAuthorizer authorizer, RevocationStore revocations, RefreshTokenStore refresh, TokenService tokens, TimeProvider time, ServerIdentity server)
    {
        // Revoking needs a token we issued; an already-revoked one is refused like at /profile.
        var auth = await authorizer.AuthorizeAsync(context, consultBlacklist: true);
        if (auth.Claims is not { } claims)
        {
            return server.Error(auth.StatusCode, auth.Error!);
        }

        // Keep the entry exactly as long as the token could still be accepted: remaining lifetime plus the skew, and
        // never longer than the longest token we issue (validation already refuses longer ones; this bounds Redis too).
        var ttl = claims.ExpiresAt - time.GetUtcNow() + tokens.ClockSkew;
        ttl = TimeSpan.FromTicks(Math.Clamp(ttl.Ticks, TimeSpan.TicksPerSecond, (tokens.MaxLifetime + tokens.ClockSkew).Ticks));

        await revocations.RevokeAsync(claims.TokenId, ttl);
        // A logout that left the refresh token working would be no logout: its family goes too (and with it, where
        // revocation is checked, the family's other access tokens).
        bool? familyRevoked = claims.FamilyId is { } familyId
            ? await refresh.RevokeFamilyAsync(claims.UserId, familyId, RevocationReasons.LoggedOut)
            : null;
        // Say what happened: with revocation off, /profile never reads the blacklist, so the token still works there.
        var message = authorizer.RevocationOnByDefault
            ? "token revoked"
            : "token blacklisted, but revocation is off: /profile keeps accepting it until it expires; only /profile-with-blacklist refuses it";
        return TypedResults.Ok(new TokenLogoutResponse(server.ServerId, message, claims.TokenId, (long)Math.Ceiling(ttl.TotalSeconds), authorizer.RevocationOnByDefault, familyRevoked));
    }

    /// <summary>Signs a token for <paramref name="user"/> and wraps it in the API reply (shared with the JwtBearer baseline).</summary>
    internal static TokenResponse IssueFor(AuthenticatedUser user, TimeSpan lifetime, TokenService tokens, ServerIdentity server) =>
        new(server.ServerId, tokens.Issue(user, lifetime), "Bearer", (long)lifetime.TotalSeconds, user.UserId, user.Username);
}
