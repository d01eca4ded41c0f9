using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using SessionLab.Backend.Common;

namespace SessionLab.Backend.Throttling;

/// <summary>
/// Refuses a client with no failures left before the endpoint runs, so the store is not consulted, and charges every
/// 401 of a <see cref="ThrottledEndpoint"/> to its client. Keyed on <c>Connection.RemoteIpAddress</c>, which the
/// forwarded-headers middleware has already set to the real client when a trusted proxy sent the request.
/// </summary>
internal sealed class FailedAuthThrottleMiddleware(RequestDelegate next, FailedAuthThrottle throttle, ServerIdentity identity)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ThrottledEndpoint>() is null
            || throttle.ClientOf(context.Connection.RemoteIpAddress) is not { } client)
        {
            await next(context);
            return;
        }

        if (!throttle.MayTry(client, out var retryAfter))
        {
            context.Response.Headers[HeaderNames.RetryAfter] = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            await identity.WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, ErrorMessages.TooManyFailedAttempts);
            return;
        }

        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized)
        {
            throttle.RecordFailure(client);
        }
    }
}
