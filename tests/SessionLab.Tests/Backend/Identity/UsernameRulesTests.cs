using SessionLab.Backend.Identity;

namespace SessionLab.Tests.Backend.Identity;

public sealed class UsernameRulesTests
{
    [Theory]
    [InlineData("alice")]
    [InlineData("user9999")]
    [InlineData("first.last@example.org")]
    [InlineData("a_b-c")]
    public void Validate_WellFormed_IsAccepted(string username) => Assert.Null(UsernameRules.Validate(username));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("with space")]
    [InlineData("evil\r\nSet-Cookie: x=1")]
    [InlineData("ünïcode")]
    [InlineData("semi;colon")]
    public void Validate_Malformed_IsRefusedWithTheRule(string? username) =>
        Assert.Equal(UsernameRules.Requirement, UsernameRules.Validate(username));

    [Fact]
    public void Validate_TooLong_IsRefused()
    {
        Assert.Null(UsernameRules.Validate(new string('a', 64)));
        Assert.NotNull(UsernameRules.Validate(new string('a', 65)));
    }
}
