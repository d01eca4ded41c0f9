namespace SessionLab.Backend.Identity;

/// <summary>
/// What a well-formed username is: 1–64 characters of letters, digits and <c>. _ - @</c>.
/// Narrow on purpose: no spaces, no control characters, nothing that could be smuggled into a header or a key.
/// </summary>
internal static class UsernameRules
{
    public const int MaxLength = 64;

    public const string Requirement = "username must be 1-64 characters: letters, digits, dot, underscore, hyphen or @";

    /// <summary>Null when valid; otherwise the message to reply with.</summary>
    public static string? Validate(string? username)
    {
        if (string.IsNullOrEmpty(username) || username.Length > MaxLength)
        {
            return Requirement;
        }

        foreach (var c in username)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-' or '@'))
            {
                return Requirement;
            }
        }

        return null;
    }
}
