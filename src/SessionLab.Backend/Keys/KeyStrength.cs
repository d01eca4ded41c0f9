namespace SessionLab.Backend.Keys;

/// <summary>
/// Refuses keys that look random to a length check but are not: too short for HS256, one byte repeated, a few byte
/// values, a text passphrase rather than random bytes, or a key published somewhere (the compose file's old default).
/// </summary>
internal static class KeyStrength
{
    public const int MinimumBytes = 32; // HMAC-SHA256 needs a key at least as long as its 256-bit output.

    /// <summary>Keys shipped in public files of this project at some time: anyone can sign with them.</summary>
    private static readonly string[] KnownPublicKeys =
    [
        "U2Vzc2lvbiBMYWIgREVWRUxPUE1FTlQga2V5OiBwdWJsaWMgaW4gZG9ja2VyLWNvbXBvc2UueW1sLCBuZXZlciB1c2UgaXQgZm9yIHJlYWwh",
    ];

    /// <summary>Null for a key that may be used; otherwise why not.</summary>
    public static string? Weakness(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumBytes)
        {
            return $"it has {key.Length} bytes, at least {MinimumBytes} are needed";
        }

        var encoded = Convert.ToBase64String(key);
        if (KnownPublicKeys.Contains(encoded, StringComparer.Ordinal))
        {
            return "it is published in this project's files, so anyone can sign with it";
        }

        Span<bool> seen = stackalloc bool[256];
        var distinct = 0;
        var printable = true;
        foreach (var b in key)
        {
            if (!seen[b])
            {
                seen[b] = true;
                distinct++;
            }

            printable &= b is >= 0x20 and < 0x7f;
        }

        // 32 random bytes have ~30 distinct values; fewer than 8 is a pattern (all zeros, "abab…").
        if (distinct < 8)
        {
            return $"it has only {distinct} distinct byte values, it is not random";
        }

        // All 32+ bytes printable happens to random bytes with odds of 1 in 10^13: it is a passphrase.
        return printable ? "it is text (a passphrase), not random bytes" : null;
    }
}
