using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace SessionLab.Backend.Sessions;

/// <summary>Writes and clears the <c>session_id</c> cookie: HttpOnly, SameSite=Lax, Path=/, Secure when configured.</summary>
internal sealed class SessionCookie(IOptions<SessionOptions> options)
{
    private readonly CookieOptions _cookieOptions = new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        Secure = options.Value.SecureCookie,
        IsEssential = true,
    };

    public static string? Read(HttpRequest request) => request.Cookies[SessionOptions.CookieName];

    public void Write(HttpResponse response, string sessionId) =>
        response.Cookies.Append(SessionOptions.CookieName, sessionId, _cookieOptions);

    public void Clear(HttpResponse response) =>
        response.Cookies.Delete(SessionOptions.CookieName, _cookieOptions);
}
