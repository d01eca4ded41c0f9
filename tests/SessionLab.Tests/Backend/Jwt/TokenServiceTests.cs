using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SessionLab.Backend.Common;
using SessionLab.Backend.Identity;
using SessionLab.Backend.Jwt;

namespace SessionLab.Tests.Backend.Jwt;

public sealed class TokenServiceTests
{
    private static readonly AuthenticatedUser Alice = new(1001, "alice");
    private readonly byte[] _keyBytes = RandomNumberGenerator.GetBytes(64);
    private readonly JwtOptions _options = new() { ClockSkew = TimeSpan.FromSeconds(1) };

    private TokenService Service(TimeProvider? time = null)
    {
        _options.Key = Convert.ToBase64String(_keyBytes);
        var key = new JwtSigningKey(Options.Create(_options), TestLab.Mode(), NullLogger<JwtSigningKey>.Instance);
        return new TokenService(key, Options.Create(_options), time ?? TimeProvider.System);
    }

    [Fact]
    public async Task Issue_ThenValidate_GivesThePlansClaims()
    {
        var service = Service();
        var token = service.Issue(Alice, TimeSpan.FromHours(2));

        var check = await service.ValidateAsync(token);

        Assert.True(check.IsValid, check.Error);
        var claims = check.Claims!;
        Assert.Equal(1001, claims.UserId);
        Assert.Equal("alice", claims.Username);
        Assert.Equal("session-demo", claims.Issuer);
        Assert.Equal(TimeSpan.FromHours(2), claims.ExpiresAt - claims.IssuedAt);
        Assert.False(string.IsNullOrEmpty(claims.TokenId));
    }

    [Fact]
    public void Issue_Header_IsHs256AndPayloadHasPlanClaimsPlusJti()
    {
        var token = new JsonWebToken(Service().Issue(Alice, TimeSpan.FromHours(2)));

        Assert.Equal("HS256", token.Alg);
        foreach (var claim in new[] { "user_id", "username", "exp", "iat", "iss", "jti" })
        {
            Assert.True(token.TryGetPayloadValue<object>(claim, out _), $"missing {claim}");
        }

        Assert.False(token.TryGetPayloadValue<object>("aud", out _));
    }

    [Fact]
    public async Task Issue_WithAFamily_CarriesItAsSid()
    {
        var service = Service();

        var check = await service.ValidateAsync(service.Issue(Alice, TimeSpan.FromMinutes(5), "the-family"));

        Assert.True(check.IsValid, check.Error);
        Assert.Equal("the-family", check.Claims!.FamilyId);
        Assert.Null((await service.ValidateAsync(service.Issue(Alice, TimeSpan.FromMinutes(5)))).Claims!.FamilyId);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("42")]
    public async Task ValidateAsync_SidEmptyOrNotAString_Invalid(string sid)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var token = SignRaw("""{"alg":"HS256","typ":"JWT"}""", $"{{\"iss\":\"session-demo\",\"iat\":{now},\"exp\":{now + 60},\"user_id\":1001,\"username\":\"alice\",\"jti\":\"j\",\"sid\":{sid}}}");

        Assert.Equal(ErrorMessages.InvalidToken, (await Service().ValidateAsync(token)).Error);
    }

    [Fact]
    public void Issue_TwoTokensForOneUser_HaveDistinctJti()
    {
        var service = Service();

        Assert.NotEqual(new JsonWebToken(service.Issue(Alice, TimeSpan.FromHours(1))).Id, new JsonWebToken(service.Issue(Alice, TimeSpan.FromHours(1))).Id);
    }

    [Fact]
    public async Task ValidateAsync_ExpiredBeyondSkew_IsTokenExpired()
    {
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-10));
        var token = Service(past).Issue(Alice, TimeSpan.FromSeconds(5));

        Assert.Equal(ErrorMessages.TokenExpired, (await Service().ValidateAsync(token)).Error);
    }

    [Fact]
    public async Task ValidateAsync_TamperedExp_IsInvalidSignature()
    {
        var service = Service();
        var parts = service.Issue(Alice, TimeSpan.FromSeconds(5)).Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1]));
        var exp = new JsonWebToken(string.Join('.', parts)).ValidTo;
        var later = new DateTimeOffset(exp, TimeSpan.Zero).AddHours(1).ToUnixTimeSeconds();
        var forgedPayload = System.Text.RegularExpressions.Regex.Replace(payload, "\"exp\":\\d+", $"\"exp\":{later}");

        var forged = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(forgedPayload))}.{parts[2]}";

        Assert.Equal(ErrorMessages.InvalidSignature, (await service.ValidateAsync(forged)).Error);
    }

    [Fact]
    public async Task ValidateAsync_AlgNone_IsRejected()
    {
        var service = Service();
        var payload = service.Issue(Alice, TimeSpan.FromHours(1)).Split('.')[1];
        var header = Base64Url.EncodeToString("""{"alg":"none","typ":"JWT"}"""u8);

        var check = await service.ValidateAsync($"{header}.{payload}.");

        Assert.False(check.IsValid);
        Assert.Equal(ErrorMessages.InvalidSignature, check.Error);
    }

    [Fact]
    public async Task ValidateAsync_SignedWithAnotherKey_IsInvalidSignature()
    {
        var token = Forge(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64)), SecurityAlgorithms.HmacSha256);

        Assert.Equal(ErrorMessages.InvalidSignature, (await Service().ValidateAsync(token)).Error);
    }

    [Fact]
    public async Task ValidateAsync_Rs256Token_IsRejected()
    {
        using var rsa = RSA.Create(2048);
        var token = Forge(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256);

        Assert.Equal(ErrorMessages.InvalidSignature, (await Service().ValidateAsync(token)).Error);
    }

    [Fact]
    public async Task ValidateAsync_WrongIssuer_IsInvalidIssuer()
    {
        var token = Forge(new SymmetricSecurityKey(_keyBytes), SecurityAlgorithms.HmacSha256, issuer: "someone-else");

        Assert.Equal(ErrorMessages.InvalidIssuer, (await Service().ValidateAsync(token)).Error);
    }

    [Fact]
    public async Task ValidateAsync_NoExp_IsRefused()
    {
        var token = Forge(new SymmetricSecurityKey(_keyBytes), SecurityAlgorithms.HmacSha256, withExpiry: false);

        Assert.Equal(ErrorMessages.TokenWithoutExpiry, (await Service().ValidateAsync(token)).Error);
    }

    [Fact]
    public async Task ValidateAsync_NotBeforeInTheFuture_IsNotYetValid()
    {
        var token = Forge(new SymmetricSecurityKey(_keyBytes), SecurityAlgorithms.HmacSha256, notBefore: DateTime.UtcNow.AddHours(1));

        Assert.Equal(ErrorMessages.TokenNotYetValid, (await Service().ValidateAsync(token)).Error);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    [InlineData("!!!.###.$$$")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9")]
    public async Task ValidateAsync_Malformed_IsInvalidToken(string token) =>
        Assert.Equal(ErrorMessages.InvalidToken, (await Service().ValidateAsync(token)).Error);

    [Fact]
    public async Task ValidateAsync_HugeToken_IsInvalidTokenWithoutParsing()
    {
        var huge = new string('a', 100 * 1024);

        Assert.Equal(ErrorMessages.InvalidToken, (await Service().ValidateAsync(huge)).Error);
    }

    [Fact]
    public async Task ValidateAsync_TruncatedToken_IsRejected()
    {
        var service = Service();
        var token = service.Issue(Alice, TimeSpan.FromHours(1));

        Assert.False((await service.ValidateAsync(token[..^5])).IsValid);
    }

    [Theory]
    [InlineData("""{"alg":"HS256","typ":"JWT","crit":["exp"]}""", "a crit header")]
    [InlineData("""{"alg":"HS256","typ":"at+jwt"}""", "another token type")]
    [InlineData("""{"alg":"HS256","typ":"JWT","typ":"JWT"}""", "a header name twice")]
    public async Task ValidateAsync_HeaderWeNeverWrite_IsInvalidToken(string header, string what)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var token = SignRaw(header, $$"""{"user_id":1001,"username":"alice","jti":"x","iss":"session-demo","iat":{{now}},"exp":{{now + 60}}}""");

        var check = await Service().ValidateAsync(token);

        Assert.False(check.IsValid, what);
    }

    [Theory]
    [InlineData("""{"user_id":"1001","username":"alice","jti":"x","iss":"session-demo","iat":{now},"exp":{exp}}""", "a string user_id")]
    [InlineData("""{"user_id":1001,"user_id":1002,"username":"alice","jti":"x","iss":"session-demo","iat":{now},"exp":{exp}}""", "a claim twice")]
    [InlineData("""{"user_id":1001,"username":"alice","jti":"x","iss":"session-demo","iat":"{now}","exp":{exp}}""", "a string iat")]
    [InlineData("""{"user_id":1001,"username":"alice","jti":"x","iss":"session-demo","exp":{exp}}""", "no iat")]
    [InlineData("""{"user_id":1001,"username":"alice","jti":"x","iss":"session-demo","iat":{future},"exp":{exp}}""", "iat in the future")]
    [InlineData("""{"user_id":1001,"username":"alice","jti":"x","iss":"session-demo","iat":{now},"exp":253402300799}""", "exp in year 9999")]
    public async Task ValidateAsync_ClaimsWeNeverWrite_IsInvalidToken(string payload, string what)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var json = payload.Replace("{now}", (now - 5).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{exp}", (now + 60).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{future}", (now + 3600).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var token = SignRaw("""{"alg":"HS256","typ":"JWT"}""", json);

        var check = await Service().ValidateAsync(token);

        Assert.False(check.IsValid, what);
        Assert.Equal(ErrorMessages.InvalidToken, check.Error);
    }

    [Fact]
    public async Task ValidateAsync_HandBuiltTokenLikeOurs_IsValid()
    {
        // The control for the two theories above: the same construction, nothing unusual, is accepted.
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var token = SignRaw("""{"alg":"HS256","typ":"JWT"}""", $$"""{"user_id":1001,"username":"alice","jti":"x","iss":"session-demo","iat":{{now}},"exp":{{now + 60}}}""");

        var check = await Service().ValidateAsync(token);

        Assert.True(check.IsValid, check.Error);
    }

    private string SignRaw(string header, string payload)
    {
        var signingInput = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header))}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}";
        var signature = HMACSHA256.HashData(_keyBytes, Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    private static string Forge(SecurityKey key, string algorithm, string issuer = "session-demo", bool withExpiry = true, DateTime? notBefore = null)
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            IssuedAt = DateTime.UtcNow,
            NotBefore = notBefore,
            Expires = withExpiry ? (notBefore ?? DateTime.UtcNow).AddHours(1) : null,
            Claims = new Dictionary<string, object> { ["user_id"] = 1001, ["username"] = "alice", ["jti"] = "forged" },
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }
}
