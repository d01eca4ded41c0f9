using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;

namespace SessionLab.Backend.Identity;

/// <summary>
/// Real password checking: users from a JSON file, passwords verified with ASP.NET Core Identity's
/// <see cref="PasswordHasher{TUser}"/> (PBKDF2-HMAC-SHA512, salted, 210,000 iterations: OWASP's figure for SHA-512).
/// Hashes made with fewer iterations (older files) still verify.
/// </summary>
internal sealed class FileUserDirectory : IUserDirectory
{
    /// <summary>OWASP's Password Storage Cheat Sheet: PBKDF2-HMAC-SHA512 at 210,000 iterations.</summary>
    public const int Iterations = 210_000;

    private static readonly PasswordHasher<UserFileEntry> Hasher = new(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = Iterations }));

    private readonly FrozenDictionary<string, UserFileEntry> _users;
    private readonly PasswordHasher<UserFileEntry> _hasher = Hasher;

    // Verifying against this when the user is unknown keeps the reply time the same, so usernames cannot be probed by timing.
    private readonly string _decoyHash;

    public FileUserDirectory(string path)
    {
        Description = $"user file {path}";
        UserFile? file;
        try
        {
            file = JsonSerializer.Deserialize(File.ReadAllText(path), UserFileJsonContext.Default.UserFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new InvalidOperationException($"Cannot read the user file '{path}': {e.Message}", e);
        }

        if (file?.Users is null)
        {
            throw new InvalidOperationException($"The user file '{path}' has no \"users\" array.");
        }

        if (file.Users.GroupBy(u => u.Username, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidOperationException($"The user file '{path}' names the user '{twice.Key}' more than once.");
        }

        _users = file.Users.ToFrozenDictionary(u => u.Username, StringComparer.Ordinal);
        _decoyHash = _hasher.HashPassword(new UserFileEntry("decoy", 0, string.Empty), Guid.NewGuid().ToString());
    }

    public string Description { get; }

    public bool HashesPasswords => true;

    public AuthenticatedUser? Authenticate(Credentials credentials)
    {
        var password = credentials.Password ?? string.Empty;
        if (!_users.TryGetValue(credentials.Username, out var entry))
        {
            _hasher.VerifyHashedPassword(new UserFileEntry("decoy", 0, string.Empty), _decoyHash, password);
            return null;
        }

        var result = _hasher.VerifyHashedPassword(entry, entry.PasswordHash, password);
        return result == PasswordVerificationResult.Failed ? null : new AuthenticatedUser(entry.UserId, entry.Username);
    }

    /// <summary>Hashes a password in the format this directory reads.</summary>
    public static string HashPassword(string password) =>
        Hasher.HashPassword(new UserFileEntry(string.Empty, 0, string.Empty), password);
}
