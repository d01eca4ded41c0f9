using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SessionLab.Backend.Common;
using SessionLab.Backend.Identity;

namespace SessionLab.Backend.Jwt;

/// <summary>
/// Issues and validates the lab's JWTs with Microsoft.IdentityModel (no hand-rolled HMAC).
/// Validation is pinned to HS256 and <c>typ: JWT</c>, requires <c>exp</c>, <c>iat</c> and the issuer, uses an explicit
/// clock skew, and refuses what a token of ours never has (<see cref="StrictTokenShape"/>), an <c>iat</c> in the future
/// and a lifetime longer than any we issue.
/// </summary>
internal sealed class TokenService
{
    public const string UserIdClaim = "user_id";
    public const string UsernameClaim = "username";

    /// <summary>The refresh-token family a token was issued under (OIDC's session id), so revoking the family revokes it.</summary>
    public const string FamilyClaim = "sid";

    private readonly JsonWebTokenHandler _handler;
    private readonly TokenValidationParameters _validation;
    private readonly JwtSigningKey _key;
    private readonly JwtOptions _options;
    private readonly TimeProvider _time;

    private static readonly object CheckItem = new();

    public TokenService(JwtSigningKey key, IOptions<JwtOptions> options, TimeProvider time)
    {
        _key = key;
        _options = options.Value;
        _time = time;
        MaxLifetime = MaxLifetimeOf(_options);
        // The plan's claims only; IdentityModel would otherwise add nbf on its own.
        _handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false, MaximumTokenSizeInBytes = _options.MaxTokenBytes };
        _validation = CreateValidationParameters(key, _options);
    }

    public TimeSpan ClockSkew => _options.ClockSkew;

    /// <summary>The longest <c>exp − iat</c> accepted: the longest lifetime this configuration issues.</summary>
    public TimeSpan MaxLifetime { get; }

    /// <summary>The /login lifetime, the short-token default and the longest short token the lab may ask for.</summary>
    public static TimeSpan MaxLifetimeOf(JwtOptions options) =>
        new[] { options.Lifetime, options.ShortLifetime, TimeSpan.FromSeconds(JwtOptions.MaxShortTokenSeconds) }.Max();

    /// <summary>The lab's validation rules, shared with the JwtBearer baseline so both judge tokens alike.</summary>
    public static TokenValidationParameters CreateValidationParameters(JwtSigningKey key, JwtOptions options) =>
        new()
        {
            IssuerSigningKey = key.Key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256], // no alg:none, no RS256/HS256 confusion
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ValidIssuer = options.Issuer,
            ValidateIssuer = true,
            ValidTypes = ["JWT"], // not an access token of another kind (at+jwt, a logout token …) signed with the same key
            ValidateAudience = false, // deliberate: the plan's tokens carry no aud; one issuer, one audience
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = options.ClockSkew, // not .NET's 5-minute default, which would keep a 5-second token alive
        };

    /// <summary>Signs a token for <paramref name="user"/> valid for <paramref name="lifetime"/>, of refresh family <paramref name="familyId"/> if any.</summary>
    public string Issue(AuthenticatedUser user, TimeSpan lifetime, string? familyId = null)
    {
        var claims = new Dictionary<string, object>
        {
            [UserIdClaim] = user.UserId,
            [UsernameClaim] = user.Username,
            [JwtRegisteredClaimNames.Jti] = NewTokenId(),
        };
        if (familyId is not null)
        {
            claims[FamilyClaim] = familyId;
        }

        // JWT times are whole seconds; truncating here keeps exp - iat equal to the lifetime.
        var now = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds());
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            IssuedAt = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(_key.Key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>Validates a compact JWT against the system clock (IdentityModel offers no public time hook); the error, if any, is one of the API's exact strings.</summary>
    public async Task<TokenCheck> ValidateAsync(string token)
    {
        if (token.Length > _options.MaxTokenBytes)
        {
            return TokenCheck.Invalid(ErrorMessages.InvalidToken);
        }

        var result = await _handler.ValidateTokenAsync(token, _validation).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return TokenCheck.Invalid(ErrorFor(result.Exception));
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        if (!StrictTokenShape.IsAcceptable(jwt)
            || !jwt.TryGetPayloadValue<int>(UserIdClaim, out var userId)
            || !jwt.TryGetPayloadValue<string>(UsernameClaim, out var username)
            || string.IsNullOrEmpty(jwt.Id)
            || (jwt.TryGetPayloadValue<string>(FamilyClaim, out var familyId) && string.IsNullOrEmpty(familyId)))
        {
            return TokenCheck.Invalid(ErrorMessages.InvalidToken);
        }

        // iat is required: not later than now (give or take the skew), and exp no further after it than we ever issue.
        if (!jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Iat, out _)
            || jwt.IssuedAt > _time.GetUtcNow().UtcDateTime + _options.ClockSkew
            || jwt.ValidTo - jwt.IssuedAt > MaxLifetime)
        {
            return TokenCheck.Invalid(ErrorMessages.InvalidToken);
        }

        return TokenCheck.Valid(new TokenClaims(
            userId,
            username,
            jwt.Issuer,
            new DateTimeOffset(jwt.IssuedAt, TimeSpan.Zero),
            new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero),
            jwt.Id,
            familyId));
    }

    /// <summary>
    /// <see cref="ValidateAsync"/> of the request's bearer token, done once per request: the throttle's cheap check and
    /// the endpoint share the result.
    /// </summary>
    public async ValueTask<TokenCheck?> ValidateRequestAsync(HttpContext context)
    {
        if (context.Items.TryGetValue(CheckItem, out var cached))
        {
            return (TokenCheck?)cached;
        }

        TokenCheck? check = BearerToken.Read(context.Request) is { } token ? await ValidateAsync(token) : null;
        context.Items[CheckItem] = check;
        return check;
    }

    internal static string ErrorFor(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => ErrorMessages.TokenExpired,
        SecurityTokenInvalidSignatureException
            or SecurityTokenSignatureKeyNotFoundException
            or SecurityTokenInvalidAlgorithmException => ErrorMessages.InvalidSignature,
        SecurityTokenInvalidIssuerException => ErrorMessages.InvalidIssuer,
        SecurityTokenNotYetValidException => ErrorMessages.TokenNotYetValid,
        SecurityTokenNoExpirationException => ErrorMessages.TokenWithoutExpiry,
        _ => ErrorMessages.InvalidToken,
    };

    private static string NewTokenId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return System.Buffers.Text.Base64Url.EncodeToString(bytes);
    }
}
