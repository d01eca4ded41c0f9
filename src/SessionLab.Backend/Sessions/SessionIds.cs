using System.Buffers.Text;
using System.Security.Cryptography;

namespace SessionLab.Backend.Sessions;

/// <summary>
/// Session ids: 128 bits from the OS CSPRNG followed by a 128-bit HMAC-SHA256 tag of them under the server's session
/// key, base64url without padding (43 characters). The tag lets a backend refuse a guessed or forged id with one HMAC,
/// before any store lookup, and lets a throttled client with a genuine id through (as express-session signs its cookie).
/// </summary>
internal sealed class SessionIds(SessionKey key)
{
    public const int EntropyBytes = 16;

    public const int TagBytes = 16;

    public const int Length = 43; // ceil((16 + 16) * 8 / 6)

    private readonly byte[] _tagKey = key.Secret.Derive("sessionlab session id tag");

    public string New()
    {
        Span<byte> bytes = stackalloc byte[EntropyBytes + TagBytes];
        RandomNumberGenerator.Fill(bytes[..EntropyBytes]);
        Tag(bytes[..EntropyBytes], bytes[EntropyBytes..]);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>True only for ids this server made: the right shape and a tag that verifies (compared in constant time).</summary>
    public bool IsAuthentic(string? candidate)
    {
        if (!IsWellFormed(candidate))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[EntropyBytes + TagBytes];
        if (Base64Url.DecodeFromChars(candidate, bytes) != bytes.Length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[TagBytes];
        Tag(bytes[..EntropyBytes], expected);
        return CryptographicOperations.FixedTimeEquals(expected, bytes[EntropyBytes..]);
    }

    /// <summary>
    /// True for strings of the right length and alphabet. Anything else is answered "session not found" without
    /// touching the store, so garbage cookies cost nothing and never reach Redis.
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

    private void Tag(ReadOnlySpan<byte> random, Span<byte> tag)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_tagKey, random, mac);
        mac[..TagBytes].CopyTo(tag);
    }
}
