using SessionLab.Reporting.Localization;

namespace SessionLab.Tests.Reporting.Localization;

/// <summary>The phrases judges compose into evidence values read in Chinese, every number and name kept as measured.</summary>
public sealed class EvidenceFragmentsTests
{
    [Theory]
    [InlineData("sticky / jwt = 1.21 (1.05–1.39) (beyond noise, as claimed); jwt / redis = 1.25 (0.92–1.70) (within noise, ±31.3 %)", "sticky / jwt = 1.21 (1.05–1.39)（超出噪声，与假设一致）；jwt / redis = 1.25 (0.92–1.70)（在噪声范围内，±31.3 %）")]
    [InlineData("under the redis load the store used 8 % of one core (median of 5 rounds); backends 125 %, load balancer 39 %, lab process 23 %, store 8 %, other processes on the machine 4 %; the machine was saturated in 5 of 5 rounds", "redis 负载下存储占用单核的 8 %（5 轮的中位数）；后端 125 %, 负载均衡器 39 %, 实验进程 23 %, 存储 8 %, 机器上的其他进程 4 %；5 轮中有 5 轮机器 CPU 饱和")]
    [InlineData("backends", "后端")]
    [InlineData("T0 (-4.024 s from exp) → 200", "T0（距 exp -4.024 s） → 200")]
    [InlineData("jwt/server-1: 401 token revoked", "jwt/server-1: 401 token revoked")]
    public void Chinese_TranslatesKnownPhrases_KeepsEverythingElse(string value, string chinese) =>
        Assert.Equal(chinese, EvidenceFragments.Chinese(value));
}
