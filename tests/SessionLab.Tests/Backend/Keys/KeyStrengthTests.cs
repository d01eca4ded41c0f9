using System.Security.Cryptography;
using System.Text;
using SessionLab.Backend.Keys;

namespace SessionLab.Tests.Backend.Keys;

public sealed class KeyStrengthTests
{
    [Fact]
    public void Weakness_RandomKey_None() => Assert.Null(KeyStrength.Weakness(RandomNumberGenerator.GetBytes(32)));

    [Fact]
    public void Weakness_AllZeros_Refused() => Assert.Contains("distinct", KeyStrength.Weakness(new byte[64]), StringComparison.Ordinal);

    [Fact]
    public void Weakness_Passphrase_Refused() =>
        Assert.Contains("text", KeyStrength.Weakness(Encoding.ASCII.GetBytes("correct horse battery staple, not random!")), StringComparison.Ordinal);

    [Fact]
    public void Weakness_TheComposeFilesOldKey_Refused() =>
        Assert.Contains("published", KeyStrength.Weakness(Convert.FromBase64String("U2Vzc2lvbiBMYWIgREVWRUxPUE1FTlQga2V5OiBwdWJsaWMgaW4gZG9ja2VyLWNvbXBvc2UueW1sLCBuZXZlciB1c2UgaXQgZm9yIHJlYWwh")), StringComparison.Ordinal);

    [Theory]
    [InlineData("counter")]
    [InlineData("utf8 passphrase")]
    [InlineData("repeated word")]
    public void Weakness_KeysThatOnlyLookLong_Refused(string kind)
    {
        var key = kind switch
        {
            "counter" => Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(),
            "utf8 passphrase" => Encoding.UTF8.GetBytes("Passwort für die Session-Lab Anwendung"),
            _ => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("password\n", 4))),
        };

        Assert.NotNull(KeyStrength.Weakness(key));
    }

    [Fact]
    public void Weakness_ManyRandomKeys_NoneRefused()
    {
        for (var i = 0; i < 2000; i++)
        {
            Assert.Null(KeyStrength.Weakness(RandomNumberGenerator.GetBytes(32)));
        }
    }

    [Fact]
    public void Weakness_TooShort_Refused() => Assert.Contains("at least 32", KeyStrength.Weakness(RandomNumberGenerator.GetBytes(16)), StringComparison.Ordinal);
}
