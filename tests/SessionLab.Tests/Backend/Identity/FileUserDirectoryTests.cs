using SessionLab.Backend.Identity;

namespace SessionLab.Tests.Backend.Identity;

public sealed class FileUserDirectoryTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"sessionlab-users-{Guid.NewGuid():N}.json");

    public FileUserDirectoryTests()
    {
        var hash = FileUserDirectory.HashPassword("correct horse");
        File.WriteAllText(_path, $$"""{"users":[{"username":"alice","user_id":1001,"password_hash":"{{hash}}"}]}""");
    }

    [Fact]
    public void HashPassword_IsSaltedPbkdf2_NotThePassword()
    {
        var first = FileUserDirectory.HashPassword("secret");
        var second = FileUserDirectory.HashPassword("secret");

        Assert.NotEqual(first, second); // salted
        Assert.DoesNotContain("secret", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Authenticate_RightPassword_ReturnsTheFilesUser()
    {
        var user = new FileUserDirectory(_path).Authenticate(new Credentials("alice", "correct horse"));

        Assert.Equal(new AuthenticatedUser(1001, "alice"), user);
    }

    [Theory]
    [InlineData("alice", "wrong")]
    [InlineData("alice", null)]
    [InlineData("mallory", "correct horse")]
    public void Authenticate_WrongCredentials_ReturnsNull(string username, string? password) =>
        Assert.Null(new FileUserDirectory(_path).Authenticate(new Credentials(username, password)));

    [Fact]
    public void Constructor_UnreadableFile_SaysWhichFile()
    {
        File.WriteAllText(_path, "{not json");

        var error = Assert.Throws<InvalidOperationException>(() => new FileUserDirectory(_path));

        Assert.Contains(_path, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_path);
}
