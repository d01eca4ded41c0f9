using System.Security.Cryptography;
using SessionLab.Backend.Keys;

namespace SessionLab.Tests.Backend.Keys;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SecretKeyLoaderTests : IDisposable
{
    private static readonly KeyPolicy Lab = new(GeneratedAllowed: true, WeakAllowed: false);
    private static readonly KeyPolicy Real = new(GeneratedAllowed: false, WeakAllowed: false);
    private readonly string _folder = Directory.CreateTempSubdirectory("sessionlab-keys-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Load_NothingConfiguredInLabMode_GeneratesOwnerOnlyFileAndFolder()
    {
        var devFile = Path.Combine(_folder, "fresh", "dev-key");

        var key = SecretKeyLoader.Load(Settings(devFile: devFile), Lab);

        Assert.True(key.IsDevelopmentKey);
        Assert.Contains("GENERATED DEVELOPMENT KEY", key.Source, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(devFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(devFile)!));
        Assert.Equal(key.Bytes, SecretKeyLoader.Load(Settings(devFile: devFile), Lab).Bytes);
    }

    [Fact]
    public void Load_NothingConfiguredInRealMode_RefusedWithWhatToDo()
    {
        var refused = Assert.Throws<KeyException>(() => SecretKeyLoader.Load(Settings(), Real));

        Assert.Contains("users file", refused.Message, StringComparison.Ordinal);
        Assert.Contains("openssl rand", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "dev-key")));
    }

    [Fact]
    public void Load_KeyFileReadableByOthers_Refused()
    {
        var file = KeyFile(RandomNumberGenerator.GetBytes(32), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var refused = Assert.Throws<KeyException>(() => SecretKeyLoader.Load(Settings(file: file), Real));

        Assert.Contains("chmod 600", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OwnerOnlyKeyFile_UsedInRealMode()
    {
        var bytes = RandomNumberGenerator.GetBytes(48);

        var key = SecretKeyLoader.Load(Settings(file: KeyFile(bytes, UnixFileMode.UserRead)), Real);

        Assert.Equal(bytes, key.Bytes);
        Assert.False(key.IsDevelopmentKey);
    }

    [Fact]
    public void Load_WeakConfiguredKey_RefusedUnlessAllowed()
    {
        var zeros = Convert.ToBase64String(new byte[32]);

        Assert.Throws<KeyException>(() => SecretKeyLoader.Load(Settings(value: zeros), Lab));
        Assert.Equal(32, SecretKeyLoader.Load(Settings(value: zeros), new KeyPolicy(true, WeakAllowed: true)).Bytes.Length);
    }

    [Fact]
    public void Load_ShortKey_RefusedEvenWhenWeakAllowed() =>
        Assert.Throws<KeyException>(() => SecretKeyLoader.Load(Settings(value: Convert.ToBase64String(RandomNumberGenerator.GetBytes(8))), new KeyPolicy(true, true)));

    [Fact]
    public void Load_NotBase64_Refused() =>
        Assert.Contains("base64", Assert.Throws<KeyException>(() => SecretKeyLoader.Load(Settings(value: "not base64!"), Lab)).Message, StringComparison.Ordinal);

    private KeySettings Settings(string? value = null, string? file = null, string? devFile = null) =>
        new("Test:Key", value, file, devFile ?? Path.Combine(_folder, "dev-key"));

    private string KeyFile(byte[] bytes, UnixFileMode mode)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, Convert.ToBase64String(bytes));
        File.SetUnixFileMode(path, mode);
        return path;
    }
}
