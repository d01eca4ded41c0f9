using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SessionLab.Backend.Jwt;

/// <summary>
/// What never changes in a refresh-token family: whose it is and how long it lives. Stored in the family's Redis hash
/// with an HMAC of these fields, so whoever can write to Redis cannot move a family to another user or extend it.
/// </summary>
internal sealed record RefreshFamily(string FamilyId, int UserId, string Username, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
{
    public string MacOf(byte[] key) => Base64Url.EncodeToString(Compute(key));

    public bool HasMac(string? mac, byte[] key)
    {
        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        return mac is not null
            && Base64Url.IsValid(mac, out var length) && length == given.Length // the decoder throws on a foreign character
            && Base64Url.DecodeFromChars(mac, given) == given.Length
            && CryptographicOperations.FixedTimeEquals(given, Compute(key));
    }

    private byte[] Compute(byte[] key)
    {
        // Fields joined by a newline, which none of them may contain (ids are base64url, usernames a narrow alphabet).
        var text = string.Create(CultureInfo.InvariantCulture, $"v1\n{FamilyId}\n{UserId}\n{Username}\n{CreatedAt.ToUnixTimeMilliseconds()}\n{ExpiresAt.ToUnixTimeMilliseconds()}");
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text));
    }
}
