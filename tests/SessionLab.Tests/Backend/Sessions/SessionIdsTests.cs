using SessionLab.Backend.Sessions;

namespace SessionLab.Tests.Backend.Sessions;

public sealed class SessionIdsTests
{
    [Fact]
    public void New_Is22UrlSafeCharacters_128Bits()
    {
        var id = SessionIds.New();

        Assert.Equal(22, id.Length);
        Assert.Matches("^[A-Za-z0-9_-]{22}$", id);
        Assert.True(SessionIds.IsWellFormed(id));
    }

    [Fact]
    public void New_TenThousandIds_HaveNoDuplicate()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => SessionIds.New()).ToHashSet();

        Assert.Equal(10_000, ids.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaa")] // 23 characters
    [InlineData("aaaaaaaaaaaaaaaaaaaaa=")] // padding is not ours
    [InlineData("aaaaaaaaaaaaaaaaaaaa\r\n")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaa*")]
    public void IsWellFormed_AnythingWeDidNotMake_IsRejected(string? candidate) =>
        Assert.False(SessionIds.IsWellFormed(candidate));
}
