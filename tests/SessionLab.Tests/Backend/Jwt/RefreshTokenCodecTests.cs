using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SessionLab.Backend.Jwt;

namespace SessionLab.Tests.Backend.Jwt;

public sealed class RefreshTokenCodecTests
{
    private readonly RefreshTokenCodec _codec = NewCodec();

    internal static RefreshTokenCodec NewCodec(byte[]? key = null) => new(new JwtSigningKey(
        Options.Create(new JwtOptions { Key = Convert.ToBase64String(key ?? RandomNumberGenerator.GetBytes(64)) }),
        TestLab.Mode(),
        NullLogger<JwtSigningKey>.Instance));

    [Fact]
    public void New_ThenFamilyOf_GivesTheFamilyBack()
    {
        var family = RefreshTokenCodec.NewFamilyId();

        var token = _codec.New(family);

        Assert.Equal(RefreshTokenCodec.Length, token.Length);
        Assert.Equal(family, _codec.FamilyOf(token));
    }

    [Fact]
    public void New_TwiceForOneFamily_DistinctTokensAndHashes()
    {
        var family = RefreshTokenCodec.NewFamilyId();

        var first = _codec.New(family);
        var second = _codec.New(family);

        Assert.NotEqual(first, second);
        Assert.NotEqual(_codec.HashOf(first), _codec.HashOf(second));
        Assert.Equal(_codec.HashOf(first), _codec.HashOf(first));
    }

    [Fact]
    public void FamilyOf_AnyCharacterChanged_Null()
    {
        var token = _codec.New(RefreshTokenCodec.NewFamilyId());

        for (var i = 0; i < token.Length; i++)
        {
            var changed = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
            Assert.Null(_codec.FamilyOf(changed));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void FamilyOf_NotATokenOfOurs_Null(string? candidate) => Assert.Null(_codec.FamilyOf(candidate));

    [Fact]
    public void FamilyOf_TokenOfAnotherKey_Null()
    {
        var token = NewCodec().New(RefreshTokenCodec.NewFamilyId());

        Assert.Null(_codec.FamilyOf(token));
    }

    [Fact]
    public void HashOf_NeverContainsTheToken()
    {
        var token = _codec.New(RefreshTokenCodec.NewFamilyId());

        var hash = _codec.HashOf(token);

        Assert.DoesNotContain(token, hash, StringComparison.Ordinal);
        Assert.DoesNotContain(token[22..44], hash, StringComparison.Ordinal);
    }
}
