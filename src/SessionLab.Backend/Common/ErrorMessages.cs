namespace SessionLab.Backend.Common;

/// <summary>The exact error strings of the API; experiments and clients match on them.</summary>
public static class ErrorMessages
{
    public const string SessionNotFound = "session not found";
    public const string TokenExpired = "token expired";
    public const string InvalidSignature = "invalid signature";
    public const string MissingToken = "missing token";
    public const string TokenRevoked = "token revoked";
    public const string InvalidToken = "invalid token";
    public const string InvalidIssuer = "invalid issuer";
    public const string TokenNotYetValid = "token not yet valid";
    public const string TokenWithoutExpiry = "token has no expiry";
    public const string SessionStoreUnavailable = "session store unavailable";
    public const string RevocationStoreUnavailable = "revocation store unavailable";
    public const string InvalidCredentials = "invalid username or password";
    public const string UnsupportedContentType = "content type must be application/json";
    public const string MalformedJson = "request body must be a JSON object with a string username and an optional string password";
    public const string BodyTooLarge = "request body too large";
    public const string CookieTooLarge = "cookie header too large";
    public const string NotFound = "not found";
    public const string MethodNotAllowed = "method not allowed";
    public const string BadRequest = "bad request";
    public const string Internal = "internal error";
    public const string TooManyFailedAttempts = "too many failed attempts";
    public const string TooManyFailedLogins = "too many failed logins; try again later";
    public const string LoginsBusy = "too many logins in progress; try again shortly";
    public const string DuplicateSessionCookie = "more than one session_id cookie";
    public const string SessionStoreFull = "session store full";
    public const string MalformedRefreshRequest = "request body must be a JSON object with a string refresh_token";
    public const string InvalidRefreshToken = "invalid refresh token";
    public const string RefreshTokenExpired = "refresh token expired";
    public const string RefreshTokenRevoked = "refresh token revoked";
    public const string RefreshTokenReused = "refresh token reused; its family is revoked";
    public const string RefreshStoreUnavailable = "refresh token store unavailable";
    public const string RefreshTokensOff = "refresh tokens are off on this backend (Jwt:RefreshTokens)";
}
