using System.Text.Json.Serialization;

namespace SessionLab.Backend.Common;

// The wire shapes of SPEC §3. Property names become snake_case through BackendJsonContext.

public sealed record LoginRequest(string? Username, string? Password);

public sealed record ErrorResponse(string Error, string ServerId);

public sealed record HealthResponse(string ServerId, string Status, string Scheme);

public sealed record RuntimeResponse(string ServerId, long ManagedHeapBytes, long GcHeapSizeBytes, long WorkingSetBytes, long TotalAllocatedBytes, int GcCount);

public sealed record LoginResponse(string ServerId, int UserId, string Username, string Message);

public sealed record ProfileResponse(int UserId, string Username, string ServerId);

public sealed record LogoutResponse(string ServerId, string Message, bool SessionEnded);

/// <summary>
/// <c>GET /sessions</c>: the caller's live sessions within <paramref name="Scope"/> (<c>all backends</c> for a shared
/// store, <c>this backend</c> for a sticky one), oldest first.
/// </summary>
public sealed record UserSessionsResponse(string ServerId, int UserId, string Scope, int SessionCount, IReadOnlyList<UserSessionEntry> Sessions);

/// <summary>
/// One session in <c>GET /sessions</c>: a prefix of its id (never the whole id, which is the credential), its times
/// (ISO 8601, UTC) and whether it is the one making the request.
/// </summary>
public sealed record UserSessionEntry(string IdPrefix, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt, DateTimeOffset AbsoluteExpiresAt, bool Current);

/// <summary>
/// <c>POST /logout-all</c>: how many sessions (cookie schemes) or refresh-token families (JWT) ended within
/// <paramref name="Scope"/>. JWT only: <paramref name="TokensIssuedBefore"/>, the unix time before which the user's access
/// tokens are refused where revocation is checked, and <paramref name="RevokedOnProfile"/>, whether <c>/profile</c> checks it.
/// </summary>
public sealed record LogoutAllResponse(
    string ServerId,
    int UserId,
    string Scope,
    string Message,
    int SessionsEnded,
    long? TokensIssuedBefore = null,
    bool? RevokedOnProfile = null);

public sealed record DebugSessionsResponse(
    string ServerId,
    long SessionCount,
    IReadOnlyList<string>? SessionIds = null,
    bool? Truncated = null);

/// <summary>
/// A token from <c>/login</c> or <c>/refresh</c>. With refresh tokens on: <paramref name="RefreshToken"/>, opaque, and
/// <paramref name="RefreshExpiresIn"/>, the seconds its family has left (rotation does not extend it).
/// </summary>
public sealed record TokenResponse(
    string ServerId,
    string Token,
    string TokenType,
    long ExpiresIn,
    int UserId,
    string Username,
    string? RefreshToken = null,
    long? RefreshExpiresIn = null);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record TokenProfileResponse(
    int UserId,
    string Username,
    string ServerId,
    [property: JsonPropertyName("iss")] string Issuer,
    [property: JsonPropertyName("iat")] long IssuedAt,
    [property: JsonPropertyName("exp")] long ExpiresAt,
    [property: JsonPropertyName("jti")] string TokenId,
    string RevocationCheck);

public sealed record TokenLogoutResponse(
    string ServerId,
    string Message,
    [property: JsonPropertyName("jti")] string TokenId,
    long BlacklistTtlSeconds,
    bool RevokedOnProfile,
    bool? RefreshFamilyRevoked = null);
