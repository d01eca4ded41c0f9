using System.Security.Cryptography;
using SessionLab.Backend.Jwt;

namespace SessionLab.Tests.Backend.Jwt;

public sealed class RefreshFamilyTests
{
    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    private static RefreshFamily Family(int userId = 1001, string username = "alice", TimeSpan? lifetime = null) =>
        new("family-id", userId, username, Created, Created + (lifetime ?? TimeSpan.FromDays(7)));

    [Fact]
    public void HasMac_OwnMac_True() => Assert.True(Family().HasMac(Family().MacOf(_key), _key));

    [Fact]
    public void HasMac_MovedToAnotherUserOrExtended_False()
    {
        var mac = Family().MacOf(_key);

        Assert.False(Family(userId: 1).HasMac(mac, _key));
        Assert.False(Family(username: "admin").HasMac(mac, _key));
        Assert.False(Family(lifetime: TimeSpan.FromDays(70)).HasMac(mac, _key));
        Assert.False(Family().HasMac(mac, RandomNumberGenerator.GetBytes(32)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void HasMac_Garbage_False(string? mac) => Assert.False(Family().HasMac(mac, _key));
}
