namespace SessionLab.Backend.Identity;

/// <summary>A user the directory vouched for. <see cref="UserId"/> is the same on every backend and across restarts.</summary>
public sealed record AuthenticatedUser(int UserId, string Username);
