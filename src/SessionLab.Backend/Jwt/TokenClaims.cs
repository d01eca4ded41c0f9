namespace SessionLab.Backend.Jwt;

/// <summary>What a valid token says: the plan's claims plus <c>jti</c>, the id a revocation is keyed on.</summary>
public sealed record TokenClaims(int UserId, string Username, string Issuer, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, string TokenId);
