using System.Security.Cryptography;
using SessionLab.Backend.Redis;
using SessionLab.Backend.Sessions;

namespace SessionLab.Tests.Backend.Redis;

public sealed class SignedSessionRecordTests
{
    private static readonly SessionRecord Alice = new("id-of-alice", 1001, "alice", DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void Verify_AsSigned_GivesTheSession() =>
        Assert.Equal(Alice, SignedSessionRecord.Sign(Alice, _key).Verify("id-of-alice", _key));

    [Fact]
    public void Verify_EditedToAnotherUser_Null() =>
        Assert.Null((SignedSessionRecord.Sign(Alice, _key) with { UserId = 1 }).Verify("id-of-alice", _key));

    [Fact]
    public void Verify_CopiedUnderAnotherId_Null() =>
        Assert.Null(SignedSessionRecord.Sign(Alice, _key).Verify("id-of-mallory", _key));

    [Fact]
    public void Verify_SignedWithAnotherKey_Null() =>
        Assert.Null(SignedSessionRecord.Sign(Alice, RandomNumberGenerator.GetBytes(32)).Verify("id-of-alice", _key));

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%")]
    [InlineData("AAAA")]
    public void Verify_MacOfAnotherShape_NullNotAnException(string mac) =>
        Assert.Null((SignedSessionRecord.Sign(Alice, _key) with { Mac = mac }).Verify("id-of-alice", _key));

    [Fact]
    public void Verify_NoMac_Null() =>
        Assert.Null((SignedSessionRecord.Sign(Alice, _key) with { Mac = null! }).Verify("id-of-alice", _key));
}
