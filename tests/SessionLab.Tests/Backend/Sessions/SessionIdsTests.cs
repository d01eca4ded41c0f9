using System.Buffers.Text;
using System.Security.Cryptography;
using SessionLab.Backend.Keys;
using SessionLab.Backend.Sessions;

namespace SessionLab.Tests.Backend.Sessions;

public sealed class SessionIdsTests
{
    private readonly SessionIds _ids = NewIds();

    internal static SessionIds NewIds(byte[]? key = null) =>
        new(new SessionKey(new SecretKey(key ?? RandomNumberGenerator.GetBytes(64), "test", IsDevelopmentKey: false)));

    [Fact]
    public void New_Is43UrlSafeCharacters_AndAuthentic()
    {
        var id = _ids.New();

        Assert.Equal(43, id.Length);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", id);
        Assert.True(SessionIds.IsWellFormed(id));
        Assert.True(_ids.IsAuthentic(id));
    }

    [Fact]
    public void New_TenThousandIds_HaveNoDuplicate()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => _ids.New()).ToHashSet();

        Assert.Equal(10_000, ids.Count);
    }

    [Fact]
    public void IsAuthentic_RandomIdOfTheRightShape_False()
    {
        var guess = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SessionIds.EntropyBytes + SessionIds.TagBytes));

        Assert.True(SessionIds.IsWellFormed(guess));
        Assert.False(_ids.IsAuthentic(guess));
    }

    [Fact]
    public void IsAuthentic_IdOfAnotherKey_False() =>
        Assert.False(_ids.IsAuthentic(NewIds().New()));

    [Fact]
    public void IsAuthentic_SameKeyAnotherInstance_True()
    {
        var key = RandomNumberGenerator.GetBytes(64);

        Assert.True(NewIds(key).IsAuthentic(NewIds(key).New()));
    }

    [Fact]
    public void IsAuthentic_OneCharacterChanged_False()
    {
        var id = _ids.New().ToCharArray();
        id[3] = id[3] == 'A' ? 'B' : 'A';

        Assert.False(_ids.IsAuthentic(new string(id)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaa")] // 22 characters: the old, unsigned format
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=")] // padding is not ours
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa*")]
    public void IsWellFormed_AnythingWeDidNotMake_IsRejected(string? candidate)
    {
        Assert.False(SessionIds.IsWellFormed(candidate));
        Assert.False(_ids.IsAuthentic(candidate));
    }
}
