using System.Buffers.Text;
using System.Security.Cryptography;

namespace SessionLab.Backend.Jwt;

/// <summary>
/// Refresh tokens: 128 bits naming the token's family, 128 fresh bits from the OS CSPRNG for each rotation, and a
/// 128-bit HMAC-SHA256 tag of both under a key derived from the JWT key; base64url without padding (64 characters).
/// The tag refuses a guessed or forged token with one HMAC, before any Redis lookup (so a guesser costs the store
/// nothing, and the throttle's cheap check can tell a real token). Redis never holds a token, only a keyed hash of the
/// family's current one (<see cref="HashOf"/>), so reading Redis yields no usable refresh token.
/// </summary>
internal sealed class RefreshTokenCodec(JwtSigningKey key)
{
    public const int FamilyBytes = 16;
    public const int SecretBytes = 16;
    public const int TagBytes = 16;
    public const int Length = 64; // (16 + 16 + 16) * 8 / 6

    private const int TokenBytes = FamilyBytes + SecretBytes + TagBytes;

    private readonly byte[] _tagKey = key.Secret.Derive("sessionlab refresh token tag");
    private readonly byte[] _hashKey = key.Secret.Derive("sessionlab refresh token hash");

    /// <summary>A new family id (base64url, 22 characters).</summary>
    public static string NewFamilyId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(FamilyBytes));

    /// <summary>A fresh token of <paramref name="familyId"/>.</summary>
    public string New(string familyId)
    {
        Span<byte> bytes = stackalloc byte[TokenBytes];
        if (Base64Url.DecodeFromChars(familyId, bytes[..FamilyBytes]) != FamilyBytes)
        {
            throw new ArgumentException("Not a family id.", nameof(familyId));
        }

        RandomNumberGenerator.Fill(bytes.Slice(FamilyBytes, SecretBytes));
        Tag(bytes[..(FamilyBytes + SecretBytes)], bytes[(FamilyBytes + SecretBytes)..]);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The family of a token this server made (shape and tag verified in constant time); null for anything else.</summary>
    public string? FamilyOf(string? candidate)
    {
        if (candidate is not { Length: Length })
        {
            return null;
        }

        // IsValid first: the decoder throws on a character outside the alphabet rather than answering false.
        Span<byte> bytes = stackalloc byte[TokenBytes];
        if (!Base64Url.IsValid(candidate, out var length) || length != TokenBytes || Base64Url.DecodeFromChars(candidate, bytes) != TokenBytes)
        {
            return null;
        }

        Span<byte> expected = stackalloc byte[TagBytes];
        Tag(bytes[..(FamilyBytes + SecretBytes)], expected);
        return CryptographicOperations.FixedTimeEquals(expected, bytes[(FamilyBytes + SecretBytes)..])
            ? Base64Url.EncodeToString(bytes[..FamilyBytes])
            : null;
    }

    /// <summary>What Redis keeps of the family's current token: HMAC-SHA256 of it under its own derived key, base64url.</summary>
    public string HashOf(string token)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_hashKey, System.Text.Encoding.ASCII.GetBytes(token), mac);
        return Base64Url.EncodeToString(mac);
    }

    private void Tag(ReadOnlySpan<byte> body, Span<byte> tag)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_tagKey, body, mac);
        mac[..TagBytes].CopyTo(tag);
    }
}
