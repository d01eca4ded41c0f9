using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SessionLab.Backend.Sessions;

namespace SessionLab.Backend.Redis;

/// <summary>
/// The JSON value of <c>session:{id}</c>: the plan's <c>session_id</c>, <c>user_id</c>, <c>username</c>, plus
/// <c>created_at</c> and <c>mac</c>, an HMAC-SHA256 of all of them under the session key. A raw <c>SET</c> by someone
/// who can write to Redis but lacks the key, or a record edited to another user, fails the check and is no session.
/// </summary>
public sealed record SignedSessionRecord(string SessionId, int UserId, string Username, DateTimeOffset CreatedAt, string Mac)
{
    internal static SignedSessionRecord Sign(SessionRecord session, byte[] key) =>
        new(session.SessionId, session.UserId, session.Username, session.CreatedAt, MacOf(session, key));

    /// <summary>The session, when the record is for <paramref name="sessionId"/> and its MAC verifies; otherwise null.</summary>
    internal SessionRecord? Verify(string sessionId, byte[] key)
    {
        var session = new SessionRecord(SessionId, UserId, Username, CreatedAt);
        if (!string.Equals(SessionId, sessionId, StringComparison.Ordinal) || Mac is null)
        {
            return null;
        }

        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        // IsValid first: the decoder throws on a character outside the alphabet (a record written by hand) rather than answering false.
        return Base64Url.IsValid(Mac, out var length) && length == given.Length
            && Base64Url.DecodeFromChars(Mac, given) == given.Length
            && CryptographicOperations.FixedTimeEquals(given, Compute(session, key))
            ? session
            : null;
    }

    private static string MacOf(SessionRecord session, byte[] key) => Base64Url.EncodeToString(Compute(session, key));

    private static byte[] Compute(SessionRecord session, byte[] key)
    {
        // Fields joined by a newline, which none of them may contain (ids are base64url, usernames a narrow alphabet).
        var text = string.Create(CultureInfo.InvariantCulture, $"v1\n{session.SessionId}\n{session.UserId}\n{session.Username}\n{session.CreatedAt.UtcTicks}");
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text));
    }
}
