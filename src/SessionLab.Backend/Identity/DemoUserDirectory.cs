using System.Collections.Frozen;
using System.IO.Hashing;
using System.Text;

namespace SessionLab.Backend.Identity;

/// <summary>
/// DEMO DIRECTORY: accepts any well-formed username with any password (or none), as the plan's clients expect.
/// Never use it where a password has to mean something: configure <c>Users:File</c> for real checking.
/// </summary>
internal sealed class DemoUserDirectory : IUserDirectory
{
    // The plan's own users keep the ids it shows (alice = 1001).
    private static readonly FrozenDictionary<string, int> WellKnown = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["alice"] = 1001,
        ["bob"] = 1002,
        ["charlie"] = 1003,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public string Description => "demo directory (any username, any password)";

    public bool HashesPasswords => false;

    public AuthenticatedUser? Authenticate(Credentials credentials) =>
        new(UserIdOf(credentials.Username), credentials.Username);

    /// <summary>
    /// A user id that every backend computes alike, with no shared state: the plan's users keep theirs,
    /// <c>userN</c> becomes 10000+N, anyone else gets a stable hash in 100000–999999.
    /// </summary>
    public static int UserIdOf(string username)
    {
        var key = username.ToLowerInvariant();
        if (WellKnown.TryGetValue(key, out var known))
        {
            return known;
        }

        if (key.StartsWith("user", StringComparison.Ordinal)
            && int.TryParse(key.AsSpan(4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            && n < 90000
            && key.Length == 4 + n.ToString(System.Globalization.CultureInfo.InvariantCulture).Length)
        {
            return 10000 + n;
        }

        var hash = XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(key));
        return 100000 + (int)(hash % 900000);
    }
}
