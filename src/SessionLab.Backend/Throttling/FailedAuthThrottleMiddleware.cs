using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using SessionLab.Backend.Common;

namespace SessionLab.Backend.Throttling;

/// <summary>
/// Refuses a client that cannot afford another failure before the endpoint runs, so the store is not consulted, and
/// charges every 401 of a <see cref="ThrottledEndpoint"/> to its client. Keyed on <c>Connection.RemoteIpAddress</c>,
/// which the forwarded-headers middleware has already set to the real client when a trusted proxy sent the request.
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

        if (!throttle.TryEnter(client, out var retryAfter))
        {
            context.Response.Headers[HeaderNames.RetryAfter] = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            await identity.WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, ErrorMessages.TooManyFailedAttempts);
            return;
        }

        // An exception (a store outage) is not the client's failure: only a 401 or a marked reply spends the budget.
        var failed = false;
        try
        {
            await next(context);
            failed = context.Response.StatusCode == StatusCodes.Status401Unauthorized || FailedAuthThrottle.IsMarkedFailed(context);
        }
        finally
        {
            throttle.Exit(client, failed);
        }
    }
}
