namespace SessionLab.Backend.Identity;

/// <summary>What a client sent to log in. The password may be absent: the plan's clients sometimes send none.</summary>
internal sealed record Credentials(string Username, string? Password);
