using System.Text.Json.Serialization;
using SessionLab.Backend.Redis;
using SessionLab.Backend.Sessions;

namespace SessionLab.Backend.Common;

/// <summary>Source-generated JSON for every wire and store shape: no reflection on the hot path.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(RefreshRequest))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(RuntimeResponse))]
[JsonSerializable(typeof(LoginResponse))]
[JsonSerializable(typeof(ProfileResponse))]
[JsonSerializable(typeof(LogoutResponse))]
[JsonSerializable(typeof(DebugSessionsResponse))]
[JsonSerializable(typeof(UserSessionsResponse))]
[JsonSerializable(typeof(LogoutAllResponse))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(TokenProfileResponse))]
[JsonSerializable(typeof(TokenLogoutResponse))]
[JsonSerializable(typeof(SessionRecord))]
[JsonSerializable(typeof(SignedSessionRecord))]
internal sealed partial class BackendJsonContext : JsonSerializerContext;
