namespace SessionLab.Backend.Jwt;

/// <summary>The outcome of validating a bearer token: its claims, or the API error string saying why not.</summary>
public readonly record struct TokenCheck(TokenClaims? Claims, string? Error)
{
    public bool IsValid => Claims is not null;

    public static TokenCheck Valid(TokenClaims claims) => new(claims, null);

    public static TokenCheck Invalid(string error) => new(null, error);
}
