using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SessionLab.Backend.Identity;

namespace SessionLab.Backend.Common;

/// <summary>Reads and checks a login body; every way it can be wrong has its own clear 4xx.</summary>
internal static class LoginRequestReader
{
    /// <summary>Passwords longer than this are refused before hashing, so a huge one cannot burn CPU.</summary>
    public const int MaxPasswordLength = 1024;

    public static async Task<LoginReadResult> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return LoginReadResult.Fail(StatusCodes.Status415UnsupportedMediaType, ErrorMessages.UnsupportedContentType);
        }

        LoginRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync(BackendJsonContext.Default.LoginRequest, cancellationToken);
        }
        catch (JsonException)
        {
            return LoginReadResult.Fail(StatusCodes.Status400BadRequest, ErrorMessages.MalformedJson);
        }

        if (body is null)
        {
            return LoginReadResult.Fail(StatusCodes.Status400BadRequest, ErrorMessages.MalformedJson);
        }

        if (UsernameRules.Validate(body.Username) is { } usernameProblem)
        {
            return LoginReadResult.Fail(StatusCodes.Status400BadRequest, usernameProblem);
        }

        if (body.Password is { Length: > MaxPasswordLength })
        {
            return LoginReadResult.Fail(StatusCodes.Status400BadRequest, $"password must be at most {MaxPasswordLength} characters");
        }

        return LoginReadResult.Ok(new Credentials(body.Username!, body.Password));
    }
}

/// <summary>Either credentials, or the status and message to refuse the request with.</summary>
internal readonly record struct LoginReadResult(Credentials? Credentials, int StatusCode, string? Error)
{
    public static LoginReadResult Ok(Credentials credentials) => new(credentials, StatusCodes.Status200OK, null);

    public static LoginReadResult Fail(int statusCode, string error) => new(null, statusCode, error);
}
