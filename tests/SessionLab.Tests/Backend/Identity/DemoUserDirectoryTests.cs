using SessionLab.Backend.Identity;

namespace SessionLab.Tests.Backend.Identity;

public sealed class DemoUserDirectoryTests
{
    private readonly DemoUserDirectory _directory = new();

    [Theory]
    [InlineData("alice", 1001)]
    [InlineData("bob", 1002)]
    [InlineData("user0", 10000)]
    [InlineData("user9999", 19999)]
    public void Authenticate_PlanUsers_KeepThePlansIds(string username, int expected)
    {
        var user = _directory.Authenticate(new Credentials(username, "123456"));

        Assert.NotNull(user);
        Assert.Equal(expected, user.UserId);
        Assert.Equal(username, user.Username);
    }

    [Fact]
    public void Authenticate_NoPassword_IsAccepted() =>
        Assert.NotNull(_directory.Authenticate(new Credentials("alice", null)));

    [Fact]
    public void UserIdOf_OtherNames_AreStableAndInRange()
    {
        var first = DemoUserDirectory.UserIdOf("zoe.smith@example.org");

        Assert.Equal(first, DemoUserDirectory.UserIdOf("zoe.smith@example.org"));
        Assert.Equal(first, DemoUserDirectory.UserIdOf("Zoe.Smith@example.org"));
        Assert.InRange(first, 100000, 999999);
        Assert.InRange(DemoUserDirectory.UserIdOf("user007"), 100000, 999999); // not "user7"
    }
}
