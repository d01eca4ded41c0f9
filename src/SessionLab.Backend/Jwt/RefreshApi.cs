using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SessionLab.Backend.Common;
using SessionLab.Backend.Identity;
using SessionLab.Backend.Sessions;
using SessionLab.Backend.Throttling;

namespace SessionLab.Backend.Jwt;

/// <summary>
/// The JWT scheme's endpoints beyond the plan (SPEC §6): <c>/login</c> with a refresh token, <c>POST /refresh</c>
/// (rotation with reuse detection) and <c>POST /logout-all</c> (every family of the user, and with revocation every
/// access token issued before it).
/// </summary>
internal static class RefreshApi
{
    public static IEndpointRouteBuilder MapRefreshApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/refresh", RefreshAsync).RequiresSession().WithMetadata(RefreshEndpoint.Instance);
        app.MapPost("/logout-all", LogoutAllAsync).RequiresSession();
        return app;
    }

    /// <summary><c>POST /login</c> of the JWT scheme: an access token and, with <see cref="JwtOptions.RefreshTokens"/>, a new refresh family.</summary>
    internal static async Task<Results<Ok<TokenResponse>, JsonHttpResult<ErrorResponse>>> LoginAsync(
        HttpContext context, LoginFlow login, TokenService tokens, RefreshTokenStore refresh, IOptions<JwtOptions> options, TimeProvider time, ServerIdentity server)
    {
        var (user, error) = await login.AuthenticateAsync(context);
        if (user is null)
        {
            return error!;
        }

        if (!options.Value.RefreshTokens)
        {
            return TypedResults.Ok(JwtApi.IssueFor(user, options.Value.Lifetime, tokens, server));
        }

        // The variant is stateful by design: without Redis there is no family to rotate, so no login (503).
        var issued = await refresh.CreateAsync(user);
        return TypedResults.Ok(Reply(issued, tokens, options.Value, time, server));
    }

    private static async Task<Results<Ok<TokenResponse>, JsonHttpResult<ErrorResponse>>> RefreshAsync(
        HttpContext context, RefreshTokenCodec codec, RefreshTokenStore refresh, TokenService tokens, IOptions<JwtOptions> options, TimeProvider time, ServerIdentity server)
    {
        if (!options.Value.RefreshTokens)
        {
            return server.Error(StatusCodes.Status404NotFound, ErrorMessages.RefreshTokensOff);
        }

        var read = await RefreshRequestReader.ReadAsync(context);
        if (read.Token is not { } token)
        {
            return server.Error(read.StatusCode, read.Error!);
        }

        // A guessed or forged token fails its tag here, without a Redis lookup.
        if (codec.FamilyOf(token) is not { } familyId)
        {
            return server.Error(StatusCodes.Status401Unauthorized, ErrorMessages.InvalidRefreshToken);
        }

        var outcome = await refresh.RotateAsync(token, familyId);
        if (outcome.Issued is not { } issued)
        {
            return server.Error(StatusCodes.Status401Unauthorized, outcome.Refusal switch
            {
                RefreshRefusal.Expired => ErrorMessages.RefreshTokenExpired,
                RefreshRefusal.Revoked => ErrorMessages.RefreshTokenRevoked,
                RefreshRefusal.Reused => ErrorMessages.RefreshTokenReused,
                _ => ErrorMessages.InvalidRefreshToken,
            });
        }

        return TypedResults.Ok(Reply(issued, tokens, options.Value, time, server));
    }

    private static async Task<Results<Ok<LogoutAllResponse>, JsonHttpResult<ErrorResponse>>> LogoutAllAsync(
        HttpContext context, TokenAuthorizer authorizer, RevocationStore revocations, RefreshTokenStore refresh, TokenService tokens, TimeProvider time, ServerIdentity server)
    {
        // Needs an access token that is still good, revocation checked: a revoked one cannot log anyone out.
        var auth = await authorizer.AuthorizeAsync(context, consultBlacklist: true);
        if (auth.Claims is not { } claims)
        {
            return server.Error(auth.StatusCode, auth.Error!);
        }

        // iat is in whole seconds: refuse every token of this second and before, then answer only once the next
        // second has begun, so a login after this reply gets an iat that is not refused.
        var now = time.GetUtcNow();
        var notBefore = now.ToUnixTimeSeconds() + 1;
        await revocations.RevokeIssuedBeforeAsync(claims.UserId, notBefore, tokens.MaxLifetime + tokens.ClockSkew);
        var families = await refresh.RevokeAllAsync(claims.UserId, RevocationReasons.LoggedOutEverywhere);
        var wait = DateTimeOffset.FromUnixTimeSeconds(notBefore) - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, context.RequestAborted);
        }

        var message = authorizer.RevocationOnByDefault
            ? "logged out everywhere: every refresh token revoked, every access token issued before tokens_issued_before refused"
            : "every refresh token revoked; revocation is off: /profile keeps accepting existing access tokens until they expire; only /profile-with-blacklist refuses them";
        return TypedResults.Ok(new LogoutAllResponse(server.ServerId, claims.UserId, SessionScopes.AllBackends, message, families, notBefore, authorizer.RevocationOnByDefault));
    }

    /// <summary>The access token (never outliving its family, whole seconds) and the refresh token, in one reply.</summary>
    private static TokenResponse Reply(IssuedRefreshToken issued, TokenService tokens, JwtOptions options, TimeProvider time, ServerIdentity server)
    {
        var family = issued.Family;
        var user = new AuthenticatedUser(family.UserId, family.Username);
        var left = TimeSpan.FromSeconds(Math.Floor((family.ExpiresAt - time.GetUtcNow()).TotalSeconds));
        var lifetime = TimeSpan.FromSeconds(Math.Max(1, Math.Min(options.Lifetime.TotalSeconds, left.TotalSeconds)));
        return new TokenResponse(
            server.ServerId,
            tokens.Issue(user, lifetime, family.FamilyId),
            "Bearer",
            (long)lifetime.TotalSeconds,
            user.UserId,
            user.Username,
            issued.Token,
            Math.Max(0, (long)left.TotalSeconds));
    }
}
