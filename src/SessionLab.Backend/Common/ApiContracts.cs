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

public sealed record DebugSessionsResponse(
    string ServerId,
    long SessionCount,
    IReadOnlyList<string>? SessionIds = null,
    bool? Truncated = null);

public sealed record TokenResponse(
    string ServerId,
    string Token,
    string TokenType,
    long ExpiresIn,
    int UserId,
    string Username);

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
    bool RevokedOnProfile);
