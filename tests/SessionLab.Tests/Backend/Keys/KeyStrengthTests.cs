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

    [Fact]
    public void Weakness_TooShort_Refused() => Assert.Contains("at least 32", KeyStrength.Weakness(RandomNumberGenerator.GetBytes(16)), StringComparison.Ordinal);
}
