namespace SessionLab.Backend.Jwt;

/// <summary>
/// What a valid token says: the plan's claims plus <c>jti</c>, the id a revocation is keyed on, and <c>sid</c>, the
/// refresh-token family it was issued under (null for a token without one).
/// </summary>
public sealed record TokenClaims(int UserId, string Username, string Issuer, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, string TokenId, string? FamilyId = null);
