using Microsoft.AspNetCore.Http;
using SessionLab.Backend.Throttling;

namespace SessionLab.Backend.Jwt;

/// <summary>The JWT scheme's cheap check: a token whose signature and claims verify, without consulting Redis.</summary>
internal sealed class TokenCredentialCheck(TokenAuthorizer authorizer) : ICredentialCheck
{
    public ValueTask<bool> IsAuthenticAsync(HttpContext context) => authorizer.IsAuthenticAsync(context);
}
