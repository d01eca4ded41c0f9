using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace SessionLab.Backend.Jwt;

/// <summary>The HS256 key: from configuration, or a generated development key clearly labelled as such. Never logged.</summary>
internal sealed partial class JwtSigningKey
{
    public const int MinimumKeyBytes = 32; // HS256 needs a key at least as long as its 256-bit output.

    public JwtSigningKey(IOptions<JwtOptions> options, ILogger<JwtSigningKey> logger)
    {
        var configured = options.Value.Key;
        byte[] bytes;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            bytes = Decode(configured);
            IsDevelopmentKey = false;
            Source = "configuration (Jwt:Key)";
        }
        else
        {
            var path = options.Value.DevKeyFile ?? DefaultDevKeyFile();
            bytes = ReadOrCreateDevKey(path);
            IsDevelopmentKey = true;
            Source = $"GENERATED DEVELOPMENT KEY in {path}";
            LogDevelopmentKey(logger, path);
        }

        Key = new SymmetricSecurityKey(bytes) { KeyId = Fingerprint(bytes) };
    }

    public SymmetricSecurityKey Key { get; }

    public bool IsDevelopmentKey { get; }

    /// <summary>Where the key came from, for logs; names a path or a setting, never the key.</summary>
    public string Source { get; }

    public static string DefaultDevKeyFile() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "sessionlab", "dev-jwt-key");

    /// <summary>A short public id of the key (first bytes of its SHA-256), so two backends can be seen to agree.</summary>
    public static string Fingerprint(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 6));

    private static byte[] Decode(string configured)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(configured.Trim());
        }
        catch (FormatException)
        {
            throw new OptionsValidationException(JwtOptions.SectionName, typeof(JwtOptions), ["Jwt:Key must be base64 (e.g. `openssl rand -base64 64`)."]);
        }

        if (bytes.Length < MinimumKeyBytes)
        {
            throw new OptionsValidationException(JwtOptions.SectionName, typeof(JwtOptions), [$"Jwt:Key must decode to at least {MinimumKeyBytes} bytes; it has {bytes.Length}."]);
        }

        return bytes;
    }

    private static byte[] ReadOrCreateDevKey(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var fresh = RandomNumberGenerator.GetBytes(64);
            try
            {
                // CreateNew: when several backends start at once, exactly one writes and the others read its key.
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }

                stream.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(fresh)));
                return fresh;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another backend won the race; fall through and read its key.
            }
        }

        for (var attempt = 0; ; attempt++)
        {
            var text = File.ReadAllText(path).Trim();
            if (text.Length > 0 || attempt >= 20)
            {
                return Decode(text);
            }

            Thread.Sleep(50); // the winner of the race is still writing
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "JWT signing key: GENERATED DEVELOPMENT KEY from {Path}. Not for production: set Jwt:Key (env SESSIONLAB_Jwt__Key).")]
    private static partial void LogDevelopmentKey(ILogger logger, string path);
}
