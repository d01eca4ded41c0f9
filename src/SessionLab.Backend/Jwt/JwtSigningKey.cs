using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using SessionLab.Backend.Common;
using SessionLab.Backend.Keys;

namespace SessionLab.Backend.Jwt;

/// <summary>
/// The HS256 key: from configuration or a key file, or a generated development key clearly labelled as such and
/// refused in real mode (<see cref="SecretKeyLoader"/>). Never logged.
/// </summary>
internal sealed partial class JwtSigningKey
{
    public JwtSigningKey(IOptions<JwtOptions> options, LabMode lab, ILogger<JwtSigningKey> logger)
    {
        var o = options.Value;
        var secret = SecretKeyLoader.Load(
            new KeySettings("Jwt:Key", o.Key, o.KeyFile, o.DevKeyFile ?? DefaultDevKeyFile("dev-jwt-key")),
            lab.KeyPolicy);
        if (secret.IsDevelopmentKey)
        {
            LogDevelopmentKey(logger, secret.Source);
        }

        Secret = secret;
        Key = new SymmetricSecurityKey(secret.Bytes) { KeyId = secret.Fingerprint };
    }

    public SymmetricSecurityKey Key { get; }

    public SecretKey Secret { get; }

    public bool IsDevelopmentKey => Secret.IsDevelopmentKey;

    /// <summary>Where the key came from, for logs; names a path or a setting, never the key.</summary>
    public string Source => Secret.Source;

    /// <summary>The generated development keys' folder: the user's own data folder, created 0700.</summary>
    public static string DefaultDevKeyFile(string name) =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "sessionlab", name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "JWT signing key: {Source}. Not for production: set Jwt:KeyFile (--jwt-key-file) or the environment variable SESSIONLAB_Jwt__Key.")]
    private static partial void LogDevelopmentKey(ILogger logger, string source);
}
