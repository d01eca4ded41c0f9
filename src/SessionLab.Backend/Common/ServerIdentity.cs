using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace SessionLab.Backend.Common;

/// <summary>This backend's id, and the replies that carry it.</summary>
internal sealed class ServerIdentity(IOptions<ServerOptions> options)
{
    public string ServerId { get; } = options.Value.Id;

    public SchemeKind Scheme { get; } = options.Value.Scheme;

    public JsonHttpResult<ErrorResponse> Error(int statusCode, string message) =>
        TypedResults.Json(new ErrorResponse(message, ServerId), BackendJsonContext.Default.ErrorResponse, statusCode: statusCode);

    public Task WriteErrorAsync(HttpContext context, int statusCode, string message)
    {
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(new ErrorResponse(message, ServerId), BackendJsonContext.Default.ErrorResponse, contentType: null, context.RequestAborted);
    }
}
