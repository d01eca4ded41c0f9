using System.Globalization;

namespace SessionLab.Experiments.Security;

/// <summary>One <c>Set-Cookie</c> header read the way a browser reads it: name, value and the attributes that matter for a session cookie.</summary>
internal sealed record SetCookieHeader(string Name, string Value, bool HttpOnly, bool Secure, string? SameSite, string? Path, DateTimeOffset? Expires, long? MaxAge)
{
    /// <summary>True when a browser would drop the cookie: an empty value, an expiry in the past, or Max-Age ≤ 0.</summary>
    public bool Clears(DateTimeOffset now) => Value.Length == 0 || Expires < now || MaxAge <= 0;

    public static SetCookieHeader? Parse(string header)
    {
        var parts = header.Split(';', StringSplitOptions.TrimEntries);
        var equals = parts[0].IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            return null;
        }

        var (httpOnly, secure, sameSite, path, expires, maxAge) = (false, false, (string?)null, (string?)null, (DateTimeOffset?)null, (long?)null);
        foreach (var attribute in parts.Skip(1))
        {
            var split = attribute.IndexOf('=', StringComparison.Ordinal);
            var name = split < 0 ? attribute : attribute[..split];
            var value = split < 0 ? string.Empty : attribute[(split + 1)..];
            switch (name.ToUpperInvariant())
            {
                case "HTTPONLY": httpOnly = true; break;
                case "SECURE": secure = true; break;
                case "SAMESITE": sameSite = value; break;
                case "PATH": path = value; break;
                case "EXPIRES" when DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at): expires = at; break;
                case "MAX-AGE" when long.TryParse(value, CultureInfo.InvariantCulture, out var age): maxAge = age; break;
                default: break;
            }
        }

        return new SetCookieHeader(parts[0][..equals], parts[0][(equals + 1)..], httpOnly, secure, sameSite, path, expires, maxAge);
    }

    /// <summary>The session cookie among a reply's <c>Set-Cookie</c> headers, if any.</summary>
    public static SetCookieHeader? SessionOf(IEnumerable<string> headers) =>
        headers.Select(Parse).FirstOrDefault(c => c?.Name == "session_id");
}
