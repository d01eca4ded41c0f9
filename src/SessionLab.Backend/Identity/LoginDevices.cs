using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using SessionLab.Backend.Keys;

namespace SessionLab.Backend.Identity;

/// <summary>
/// Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a successful login leaves a signed
/// <c>login_device</c> cookie naming the user, and a client that shows it for that username is not refused for the
/// username's failures. So an attacker guessing alice's password from many addresses locks out only clients that never
/// logged in as alice, not alice's own browser. The cookie proves nothing by itself: the password is still checked.
/// </summary>
internal sealed class LoginDevices
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    private readonly byte[] _key;
    private readonly TimeProvider _time;
    private readonly CookieOptions _options;

    /// <param name="secret">The backend's secret (session or JWT key), from which the cookie key is derived.</param>
    /// <param name="secure">Mark the cookie Secure and give it the <c>__Host-</c> prefix (HTTPS deployments).</param>
    /// <param name="time">The clock that dates the cookies.</param>
    public LoginDevices(SecretKey secret, bool secure, TimeProvider time)
    {
        _key = secret.Derive("sessionlab login device");
        _time = time;
        Name = secure ? "__Host-login_device" : "login_device";
        _options = new CookieOptions
        {
            HttpOnly = true,
            SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict,
            Path = "/",
            Secure = secure,
            IsEssential = true,
            MaxAge = Lifetime,
        };
    }

    public string Name { get; }

    /// <summary>Whether the request carries a valid device cookie, less than 30 days old, for <paramref name="username"/>.</summary>
    public bool IsKnownDevice(HttpRequest request, string username)
    {
        if (!CookieHeaderValue.TryParseList(request.Headers.Cookie, out var cookies))
        {
            return false;
        }

        foreach (var cookie in cookies)
        {
            if (cookie.Name.Equals(Name, StringComparison.Ordinal) && Verify(cookie.Value.ToString(), username))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Leaves the device cookie for <paramref name="username"/> on a successful login's reply.</summary>
    public void Remember(HttpResponse response, string username)
    {
        var issued = _time.GetUtcNow().ToUnixTimeSeconds();
        response.Cookies.Append(Name, $"{issued.ToString(CultureInfo.InvariantCulture)}.{Tag(username, issued)}", _options);
    }

    private bool Verify(string value, string username)
    {
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !long.TryParse(value.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var issued))
        {
            return false;
        }

        var age = _time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issued);
        return age >= TimeSpan.FromMinutes(-1) && age <= Lifetime
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(value[(dot + 1)..]), Encoding.ASCII.GetBytes(Tag(username, issued)));
    }

    private string Tag(string username, long issued) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"v1\n{username}\n{issued.ToString(CultureInfo.InvariantCulture)}")));
}
