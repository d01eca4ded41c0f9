using System.Security.Cryptography;

namespace SessionLab.Backend.Keys;

/// <summary>A loaded secret and, for logs, where it came from (a setting or a path, never the key).</summary>
internal sealed record SecretKey(byte[] Bytes, string Source, bool IsDevelopmentKey)
{
    /// <summary>A short public id of the key (first bytes of its SHA-256), so two backends can be seen to agree.</summary>
    public string Fingerprint => Convert.ToHexStringLower(SHA256.HashData(Bytes).AsSpan(0, 6));

    /// <summary>A key for one purpose derived from this one (HKDF), so one secret never serves two algorithms directly.</summary>
    public byte[] Derive(string purpose, int length = 32) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Bytes, length, salt: [], info: System.Text.Encoding.UTF8.GetBytes(purpose));
}
