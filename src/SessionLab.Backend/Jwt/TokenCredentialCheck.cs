using Microsoft.AspNetCore.Http;
using SessionLab.Backend.Throttling;

namespace SessionLab.Backend.Jwt;

/// <summary>
/// The JWT scheme's cheap check, without consulting Redis: a bearer token whose signature and claims verify, or at
/// <c>/refresh</c> a refresh token whose tag verifies.
/// </summary>
internal sealed class TokenCredentialCheck(TokenAuthorizer authorizer, RefreshTokenCodec refreshTokens) : ICredentialCheck
{
    public async ValueTask<bool> IsAuthenticAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RefreshEndpoint>() is not null)
        {
            return refreshTokens.FamilyOf((await RefreshRequestReader.ReadAsync(context)).Token) is not null;
        }

        return await authorizer.IsAuthenticAsync(context);
    }
}

/// <summary>Marks <c>POST /refresh</c>, whose credential is a refresh token in the body rather than a bearer token.</summary>
internal sealed class RefreshEndpoint
{
    public static readonly RefreshEndpoint Instance = new();

    private RefreshEndpoint()
    {
    }
}
