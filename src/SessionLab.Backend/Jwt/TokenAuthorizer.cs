using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SessionLab.Backend.Common;

namespace SessionLab.Backend.Jwt;

/// <summary>Validates the request's bearer token and, when asked, consults the blacklist under the configured Redis-down policy.</summary>
internal sealed class TokenAuthorizer(TokenService tokens, RevocationStore revocations, IOptions<JwtOptions> options)
{
    private readonly RevocationStoreDownPolicy _whenStoreDown = options.Value.WhenStoreDown;

    public bool RevocationOnByDefault { get; } = options.Value.Revocation == RevocationMode.On;

    /// <summary>The throttle's cheap check: does the request carry a token whose signature and claims verify (no Redis)?</summary>
    public async ValueTask<bool> IsAuthenticAsync(HttpContext context) =>
        await tokens.ValidateRequestAsync(context) is { IsValid: true };

    public async Task<Authorization> AuthorizeAsync(HttpContext context, bool consultBlacklist)
    {
        if (await tokens.ValidateRequestAsync(context) is not { } check)
        {
            return Authorization.Denied(StatusCodes.Status401Unauthorized, ErrorMessages.MissingToken);
        }

        if (check.Claims is not { } claims)
        {
            return Authorization.Denied(StatusCodes.Status401Unauthorized, check.Error!);
        }

        if (!consultBlacklist)
        {
            return Authorization.Allowed(claims, RevocationCheck.Off);
        }

        try
        {
            return await revocations.IsRevokedAsync(claims)
                ? Authorization.Denied(StatusCodes.Status401Unauthorized, ErrorMessages.TokenRevoked)
                : Authorization.Allowed(claims, RevocationCheck.Passed);
        }
        catch (SessionStoreUnavailableException) when (_whenStoreDown == RevocationStoreDownPolicy.FailOpen)
        {
            return Authorization.Allowed(claims, RevocationCheck.SkippedStoreDown);
        }
    }
}

/// <summary>How the blacklist was consulted for a request, reported in the reply as <c>revocation_check</c>.</summary>
internal static class RevocationCheck
{
    public const string Off = "off";
    public const string Passed = "passed";
    public const string SkippedStoreDown = "skipped: store unavailable (fail open)";
}

/// <summary>Either the token's claims, or the status and error to refuse with.</summary>
internal readonly record struct Authorization(TokenClaims? Claims, string RevocationCheck, int StatusCode, string? Error)
{
    public static Authorization Allowed(TokenClaims claims, string revocationCheck) => new(claims, revocationCheck, StatusCodes.Status200OK, null);

    public static Authorization Denied(int statusCode, string error) => new(null, string.Empty, statusCode, error);
}
