namespace SessionLab.Backend.Sessions;

/// <summary>
/// A logged-in session. This is also the JSON stored in Redis under <c>session:{id}</c>:
/// <c>{"session_id","user_id","username","created_at"}</c>.
/// </summary>
public sealed record SessionRecord(string SessionId, int UserId, string Username, DateTimeOffset CreatedAt);
