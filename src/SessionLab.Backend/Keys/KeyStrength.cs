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
        foreach (var b in key)
        {
            if (!seen[b])
            {
                seen[b] = true;
                distinct++;
            }
        }

        // 32 random bytes have ~30 distinct values; fewer than 8 is a pattern (all zeros, "abab…").
        if (distinct < 8)
        {
            return $"it has only {distinct} distinct byte values, it is not random";
        }

        // Random bytes spread over 0–255; all within 64 consecutive values (a counter, 0x00–0x1f) has odds below 10^-15.
        var min = 255;
        var max = 0;
        foreach (var b in key)
        {
            min = Math.Min(min, b);
            max = Math.Max(max, b);
        }

        if (max - min < 64)
        {
            return $"all its bytes lie between 0x{min:x2} and 0x{max:x2}, it is not random";
        }

        if (RepeatPeriod(key) is { } period)
        {
            return $"it repeats itself every {period} bytes, it is not random";
        }

        // Random bytes are valid UTF-8 text with odds of about 10^-8 for 32 bytes, and far less when printable too.
        return IsText(key) ? "it is text (a passphrase), not random bytes" : null;
    }

    /// <summary>The shortest period p ≤ half the length with key[i] = key[i + p] everywhere ("password\n" × 4), or null.</summary>
    private static int? RepeatPeriod(ReadOnlySpan<byte> key)
    {
        for (var period = 1; period <= key.Length / 2; period++)
        {
            if (key[period..].SequenceEqual(key[..^period]))
            {
                return period;
            }
        }

        return null;
    }

    /// <summary>Valid UTF-8 of letters, digits, punctuation and spaces (tabs and newlines allowed): something typed.</summary>
    private static bool IsText(ReadOnlySpan<byte> key)
    {
        string text;
        try
        {
            text = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(key);
        }
        catch (ArgumentException)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                return false;
            }
        }

        return true;
    }
}
