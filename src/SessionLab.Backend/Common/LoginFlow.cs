using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using SessionLab.Backend.Identity;
using SessionLab.Backend.Throttling;

namespace SessionLab.Backend.Common;

/// <summary>
/// The part of every <c>/login</c> that does not depend on the scheme: read the body, refuse a client or username out
/// of its failure budget (429, before any hashing), check the credentials with at most a few hashes at once, and
/// charge a wrong password to both budgets.
/// </summary>
internal sealed class LoginFlow(IUserDirectory users, LoginThrottle throttle, FailedAuthThrottle clients, ServerIdentity server)
{
    /// <summary>The authenticated user, or the error reply to send instead (4xx for a bad body or a throttled client, 401 for wrong credentials).</summary>
    public async Task<(AuthenticatedUser? User, JsonHttpResult<ErrorResponse>? Error)> AuthenticateAsync(HttpContext context)
    {
        var read = await LoginRequestReader.ReadAsync(context.Request, context.RequestAborted);
        if (read.Credentials is not { } credentials)
        {
            return (null, server.Error(read.StatusCode, read.Error!));
        }

        var client = clients.ClientOf(context.Connection.RemoteIpAddress);
        if (throttle.RetryAfterSeconds(client, credentials.Username) is { } wait)
        {
            context.Response.Headers[HeaderNames.RetryAfter] = wait.ToString(CultureInfo.InvariantCulture);
            return (null, server.Error(StatusCodes.Status429TooManyRequests, ErrorMessages.TooManyFailedLogins));
        }

        AuthenticatedUser? user;
        if (users.HashesPasswords)
        {
            using var turn = await throttle.AcquireHashingAsync(context.RequestAborted);
            if (!turn.IsAcquired)
            {
                context.Response.Headers[HeaderNames.RetryAfter] = "1";
                return (null, server.Error(StatusCodes.Status503ServiceUnavailable, ErrorMessages.LoginsBusy));
            }

            user = users.Authenticate(credentials);
        }
        else
        {
            user = users.Authenticate(credentials);
        }

        if (user is null)
        {
            throttle.Fail(client, credentials.Username);
            return (null, server.Error(StatusCodes.Status401Unauthorized, ErrorMessages.InvalidCredentials));
        }

        return (user, null);
    }
}
