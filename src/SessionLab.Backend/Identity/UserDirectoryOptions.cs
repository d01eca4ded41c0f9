namespace SessionLab.Backend.Identity;

/// <summary>Where users come from. Section <c>Users</c>.</summary>
public sealed class UserDirectoryOptions
{
    public const string SectionName = "Users";

    /// <summary>
    /// Path of a JSON user file with PBKDF2-hashed passwords (see <c>sessionlab hash-password</c>).
    /// When empty (the default) the demo directory accepts anyone.
    /// </summary>
    public string? File { get; set; }
}
