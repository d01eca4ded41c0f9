using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using SessionLab.Backend.Identity;
using SessionLab.Backend.Throttling;

namespace SessionLab.Backend.Common;

/// <summary>
/// The part of every <c>/login</c> that does not depend on the scheme: read the body, take a failure from the client's
/// and the username's budgets (429 when either is spent, before any hashing; a known device is spared the username's),
/// check the credentials with at most a few hashes at once, and give the failure back unless the password was wrong.
/// </summary>
internal sealed class LoginFlow(IUserDirectory users, LoginThrottle throttle, FailedAuthThrottle clients, LoginDevices devices, ServerIdentity server)
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
        var knownDevice = devices.IsKnownDevice(context.Request, credentials.Username);
        if (throttle.TryReserve(client, credentials.Username, knownDevice) is { } wait)
        {
            context.Response.Headers[HeaderNames.RetryAfter] = wait.ToString(CultureInfo.InvariantCulture);
            return (null, server.Error(StatusCodes.Status429TooManyRequests, ErrorMessages.TooManyFailedLogins));
        }

        // The attempt holds one failure of each budget from here on; only a wrong password keeps it.
        var failed = false;
        try
        {
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
                failed = true;
                return (null, server.Error(StatusCodes.Status401Unauthorized, ErrorMessages.InvalidCredentials));
            }

            // Only where passwords are checked: the demo directory never refuses anyone, so a device cookie would mean nothing.
            if (users.HashesPasswords)
            {
                devices.Remember(context.Response, user.Username);
            }

            return (user, null);
        }
        finally
        {
            if (!failed)
            {
                throttle.Release(client, credentials.Username, knownDevice);
            }
        }
    }
}
