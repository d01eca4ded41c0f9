using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using SessionLab.Backend.Identity;

namespace SessionLab.Backend.Common;

/// <summary>The part of every <c>/login</c> that does not depend on the scheme: read the body, check the credentials.</summary>
internal static class LoginFlow
{
    /// <summary>The authenticated user, or the error reply to send instead (4xx for a bad body, 401 for wrong credentials).</summary>
    public static async Task<(AuthenticatedUser? User, JsonHttpResult<ErrorResponse>? Error)> AuthenticateAsync(HttpContext context, IUserDirectory users, ServerIdentity server)
    {
        var read = await LoginRequestReader.ReadAsync(context.Request, context.RequestAborted);
        if (read.Credentials is not { } credentials)
        {
            return (null, server.Error(read.StatusCode, read.Error!));
        }

        return users.Authenticate(credentials) is { } user
            ? (user, null)
            : (null, server.Error(StatusCodes.Status401Unauthorized, ErrorMessages.InvalidCredentials));
    }
}
