using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SessionLab.Backend.Common;

namespace SessionLab.Backend.Jwt;

/// <summary>
/// Reads the body of <c>POST /refresh</c> once per request: the throttle's cheap check and the endpoint share the
/// result, so the body is never read twice.
/// </summary>
internal static class RefreshRequestReader
{
    private static readonly object Item = new();

    public static async ValueTask<RefreshRead> ReadAsync(HttpContext context)
    {
        if (context.Items.TryGetValue(Item, out var cached) && cached is RefreshRead read)
        {
            return read;
        }

        read = await ReadBodyAsync(context.Request, context.RequestAborted);
        context.Items[Item] = read;
        return read;
    }

    private static async Task<RefreshRead> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return RefreshRead.Fail(StatusCodes.Status415UnsupportedMediaType, ErrorMessages.UnsupportedContentType);
        }

        try
        {
            var body = await request.ReadFromJsonAsync(BackendJsonContext.Default.RefreshRequest, cancellationToken);
            return body?.RefreshToken is { Length: > 0 } token
                ? new RefreshRead(token, StatusCodes.Status200OK, null)
                : RefreshRead.Fail(StatusCodes.Status400BadRequest, ErrorMessages.MalformedRefreshRequest);
        }
        catch (JsonException)
        {
            return RefreshRead.Fail(StatusCodes.Status400BadRequest, ErrorMessages.MalformedRefreshRequest);
        }
    }
}

/// <summary>The refresh token a request carries, or the status and message to refuse it with.</summary>
internal readonly record struct RefreshRead(string? Token, int StatusCode, string? Error)
{
    public static RefreshRead Fail(int statusCode, string error) => new(null, statusCode, error);
}
