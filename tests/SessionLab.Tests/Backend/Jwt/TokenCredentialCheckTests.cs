using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SessionLab.Backend.Jwt;

namespace SessionLab.Tests.Backend.Jwt;

/// <summary>The throttle's cheap check at <c>/refresh</c>: a refresh token whose tag verifies passes, without Redis.</summary>
public sealed class TokenCredentialCheckTests
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(64);

    [Fact]
    public async Task IsAuthenticAsync_RefreshWithOurToken_TrueAndTheBodyIsStillReadable()
    {
        var codec = RefreshTokenCodecTests.NewCodec(_key);
        var token = codec.New(RefreshTokenCodec.NewFamilyId());
        var context = RefreshRequest($"{{\"refresh_token\":\"{token}\"}}");

        Assert.True(await Check(codec).IsAuthenticAsync(context));
        Assert.Equal(token, (await RefreshRequestReader.ReadAsync(context)).Token);
    }

    [Theory]
    [InlineData("{\"refresh_token\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}")]
    [InlineData("{\"refresh_token\":")]
    [InlineData("{}")]
    public async Task IsAuthenticAsync_RefreshWithoutOurToken_False(string body)
    {
        var codec = RefreshTokenCodecTests.NewCodec(_key);

        Assert.False(await Check(codec).IsAuthenticAsync(RefreshRequest(body)));
    }

    [Fact]
    public async Task IsAuthenticAsync_RefreshWithAnotherKeysToken_False()
    {
        var token = RefreshTokenCodecTests.NewCodec().New(RefreshTokenCodec.NewFamilyId());

        Assert.False(await Check(RefreshTokenCodecTests.NewCodec(_key)).IsAuthenticAsync(RefreshRequest($"{{\"refresh_token\":\"{token}\"}}")));
    }

    private TokenCredentialCheck Check(RefreshTokenCodec codec)
    {
        var options = Options.Create(new JwtOptions { Key = Convert.ToBase64String(_key) });
        var tokens = new TokenService(new JwtSigningKey(options, TestLab.Mode(), NullLogger<JwtSigningKey>.Instance), options, TimeProvider.System);
        // The refresh path never consults the blacklist, so no Redis is needed.
        return new TokenCredentialCheck(new TokenAuthorizer(tokens, null!, options), codec);
    }

    private static DefaultHttpContext RefreshRequest(string body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        context.SetEndpoint(new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(RefreshEndpoint.Instance), "refresh"));
        return context;
    }
}
