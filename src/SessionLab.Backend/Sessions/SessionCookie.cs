using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace SessionLab.Backend.Sessions;

/// <summary>
/// Writes, reads and clears the session cookie: HttpOnly, SameSite=Lax, Path=/. With <see cref="SessionOptions.SecureCookie"/>
/// it is Secure and named <c>__Host-session_id</c>, a prefix browsers accept only from HTTPS for the exact host, so a
/// sibling subdomain cannot plant one.
/// </summary>
internal sealed class SessionCookie
{
    private readonly CookieOptions _cookieOptions;

    public SessionCookie(IOptions<SessionOptions> options)
    {
        var secure = options.Value.SecureCookie;
        Name = secure ? "__Host-" + SessionOptions.CookieName : SessionOptions.CookieName;
        _cookieOptions = new CookieOptions
        {
            HttpOnly = true,
            SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax,
            Path = "/",
            Secure = secure,
            IsEssential = true,
        };
    }

    public string Name { get; }

    /// <summary>
    /// The request's session id. More than one cookie of that name is refused (<see cref="SessionCookieRead.Duplicated"/>):
    /// which one a server reads differs between servers, and an attacker who can set a cookie for a parent domain
    /// ("cookie tossing") would otherwise choose the session a victim's requests run in.
    /// </summary>
    public SessionCookieRead Read(HttpRequest request)
    {
        string? value = null;
        var count = 0;
        if (CookieHeaderValue.TryParseList(request.Headers.Cookie, out var cookies))
        {
            foreach (var cookie in cookies)
            {
                if (cookie.Name.Equals(Name, StringComparison.Ordinal))
                {
                    count++;
                    value = cookie.Value.ToString();
                }
            }
        }

        return new SessionCookieRead(count == 1 ? value : null, count > 1);
    }

    public void Write(HttpResponse response, string sessionId) =>
        response.Cookies.Append(Name, sessionId, _cookieOptions);

    public void Clear(HttpResponse response) =>
        response.Cookies.Delete(Name, _cookieOptions);
}

/// <summary>The session id a request carries (null: none), or that it carried several.</summary>
internal readonly record struct SessionCookieRead(string? SessionId, bool Duplicated);
