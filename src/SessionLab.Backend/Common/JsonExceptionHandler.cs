using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SessionLab.Backend.Common;

/// <summary>Turns every exception that escapes a handler into a JSON error with the right status: never an HTML 500.</summary>
internal sealed partial class JsonExceptionHandler(ServerIdentity identity, ILogger<JsonExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            return true; // The client left; there is nobody to answer.
        }

        var (status, message) = exception switch
        {
            SessionStoreUnavailableException unavailable => (StatusCodes.Status503ServiceUnavailable, unavailable.Message),
            // The baseline peers reach Redis through ASP.NET Core's own code, which lets these through.
            StackExchange.Redis.RedisConnectionException or StackExchange.Redis.RedisTimeoutException => (StatusCodes.Status503ServiceUnavailable, ErrorMessages.SessionStoreUnavailable),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, ErrorMessages.BodyTooLarge),
            BadHttpRequestException bad => (bad.StatusCode, ErrorMessages.BadRequest),
            _ => (StatusCodes.Status500InternalServerError, ErrorMessages.Internal),
        };

        if (status == StatusCodes.Status500InternalServerError)
        {
            LogUnexpected(exception, context.Request.Path);
        }

        await identity.WriteErrorAsync(context, status, message);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure serving {Path}")]
    private partial void LogUnexpected(Exception exception, string path);
}
