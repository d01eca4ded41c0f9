using System.Text.Json.Serialization;

namespace SessionLab.Backend.Identity;

/// <summary>The user file's shape: <c>{"users":[{"username":"alice","user_id":1001,"password_hash":"..."}]}</c>.</summary>
public sealed record UserFile(IReadOnlyList<UserFileEntry> Users);

/// <summary>One user; <see cref="PasswordHash"/> is in ASP.NET Core Identity's PBKDF2 format.</summary>
public sealed record UserFileEntry(string Username, int UserId, string PasswordHash);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(UserFile))]
internal sealed partial class UserFileJsonContext : JsonSerializerContext;
