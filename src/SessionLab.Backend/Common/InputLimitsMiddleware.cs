using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace SessionLab.Backend.Common;

/// <summary>
/// Rejects oversized cookies and bodies with a JSON error before any handler runs.
/// Kestrel's own limits are set higher, so that most oversized input reaches this point and gets a clear reply.
/// </summary>
internal sealed class InputLimitsMiddleware(RequestDelegate next, ServerIdentity identity, IOptions<ServerOptions> options)
{
    private readonly int _maxCookieBytes = options.Value.MaxCookieHeaderBytes;
    private readonly int _maxBodyBytes = options.Value.MaxBodyBytes;

    public Task InvokeAsync(HttpContext context)
    {
        var cookies = context.Request.Headers.Cookie;
        var cookieBytes = 0;
        foreach (var value in cookies)
        {
            cookieBytes += value?.Length ?? 0;
        }

        if (cookieBytes > _maxCookieBytes)
        {
            return identity.WriteErrorAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, ErrorMessages.CookieTooLarge);
        }

        if (context.Request.ContentLength > _maxBodyBytes)
        {
            return identity.WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, ErrorMessages.BodyTooLarge);
        }

        // Chunked bodies have no length up front: cap what Kestrel will read, it then throws a 413 we translate.
        var bodyLimit = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>();
        if (bodyLimit is { IsReadOnly: false })
        {
            bodyLimit.MaxRequestBodySize = _maxBodyBytes;
        }

        return next(context);
    }
}
