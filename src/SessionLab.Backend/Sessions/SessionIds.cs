using System.Buffers.Text;
using System.Security.Cryptography;

namespace SessionLab.Backend.Sessions;

/// <summary>Session ids: 128 bits from the OS CSPRNG, base64url without padding (22 characters).</summary>
internal static class SessionIds
{
    public const int EntropyBytes = 16;

    public const int Length = 22; // ceil(16 * 8 / 6)

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[EntropyBytes];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>
    /// True only for strings this class could have made. Anything else is answered "session not found"
    /// without touching the store, so garbage cookies cost nothing and never reach Redis.
    /// </summary>
    public static bool IsWellFormed(string? candidate)
    {
        if (candidate is not { Length: Length })
        {
            return false;
        }

        foreach (var c in candidate)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
