using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SessionLab.Backend.Common;
using SessionLab.Backend.Jwt;
using SessionLab.Backend.Keys;

namespace SessionLab.Backend.Sessions;

/// <summary>
/// The cookie schemes' server secret: it signs session ids (<see cref="SessionIds"/>) and, for Redis, the stored
/// records, so whoever can write to Redis still cannot mint or alter a session. Redis backends must share it: from
/// configuration or a key file, or a generated development key in lab mode. A sticky backend's sessions live and die
/// with its process, so without a configured key it takes a random one of its own.
/// </summary>
internal sealed partial class SessionKey
{
    public SessionKey(IOptions<SessionOptions> options, ServerIdentity server, LabMode lab, ILogger<SessionKey> logger)
    {
        var o = options.Value;
        var configured = !string.IsNullOrWhiteSpace(o.Key) || !string.IsNullOrWhiteSpace(o.KeyFile);
        if (server.Scheme == SchemeKind.Sticky && !configured)
        {
            Secret = new SecretKey(RandomNumberGenerator.GetBytes(64), "a random key of this process (sticky sessions live in it only)", IsDevelopmentKey: false);
            return;
        }

        Secret = SecretKeyLoader.Load(
            new KeySettings("Session:Key", o.Key, o.KeyFile, o.DevKeyFile ?? JwtSigningKey.DefaultDevKeyFile("dev-session-key")),
            lab.KeyPolicy);
        if (Secret.IsDevelopmentKey)
        {
            LogDevelopmentKey(logger, Secret.Source);
        }
    }

    /// <summary>A key given as is (tests, tools).</summary>
    internal SessionKey(SecretKey secret) => Secret = secret;

    public SecretKey Secret { get; }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session key: {Source}. Not for production: set Session:KeyFile (--session-key-file) or the environment variable SESSIONLAB_Session__Key.")]
    private static partial void LogDevelopmentKey(ILogger logger, string source);
}
