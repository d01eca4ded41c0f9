using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SessionLab.Backend.Common;

/// <summary>
/// Answers 503 when the store is down. Kept apart from the exception handler so an outage under load
/// is not logged as thousands of "unhandled exception" errors: the Redis connection logs the outage once.
/// </summary>
internal sealed partial class StoreUnavailableMiddleware(RequestDelegate next, ServerIdentity identity, ILogger<StoreUnavailableMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (SessionStoreUnavailableException unavailable) when (!context.Response.HasStarted)
        {
            LogUnavailable(unavailable.InnerException);

            await identity.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, unavailable.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Store unavailable; answered 503")]
    private partial void LogUnavailable(Exception? cause);
}
