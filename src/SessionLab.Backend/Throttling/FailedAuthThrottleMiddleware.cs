using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using SessionLab.Backend.Common;

namespace SessionLab.Backend.Throttling;

/// <summary>
/// On a <see cref="ThrottledEndpoint"/>: a client over its failure budget whose credential fails the cheap check gets
/// 429 before the endpoint runs (no store lookup); every 401 (or marked failure) spends its budget. Keyed on
/// <c>Connection.RemoteIpAddress</c>, which the forwarded-headers middleware has already set to the real client when a
/// trusted proxy sent the request.
/// </summary>
internal sealed class FailedAuthThrottleMiddleware(RequestDelegate next, FailedAuthThrottle throttle, ICredentialCheck credentials, ServerIdentity identity)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ThrottledEndpoint>() is null
            || throttle.ClientOf(context.Connection.RemoteIpAddress) is not { } client)
        {
            await next(context);
            return;
        }

        if (!throttle.CanAfford(client) && !await credentials.IsAuthenticAsync(context))
        {
            context.Response.Headers[HeaderNames.RetryAfter] = throttle.RetryAfterSeconds(client).ToString(CultureInfo.InvariantCulture);
            await identity.WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, ErrorMessages.TooManyFailedAttempts);
            return;
        }

        // An exception (a store outage) is not the client's failure: only a 401 or a marked reply spends the budget.
        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized || FailedAuthThrottle.IsMarkedFailed(context))
        {
            throttle.Fail(client);
        }
    }
}
