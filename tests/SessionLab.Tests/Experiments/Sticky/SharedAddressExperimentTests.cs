using SessionLab.Experiments.Sticky;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.Sticky;

public sealed class SharedAddressExperimentTests
{
    [Fact]
    public void Judge_IpHashOnOneBackend_CookieSpreadAndKept_AllConfirmed()
    {
        var verdicts = SharedAddressExperiment.Judge(new SharedAddressFacts(3, 5, Run("ip_hash", 0, 0, 30), Run("cookie affinity", 12, 8, 10))).ToList();

        Assert.Equal(["H1", "H2", "H3"], verdicts.Select(v => v.Id));
        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("server-1 ×12, server-2 ×8, server-3 ×10 (largest share 40 %", verdicts[1].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_IpHashSpread_H1Refuted()
    {
        Assert.Equal(Verdict.Refuted, SharedAddressExperiment.Judge(new SharedAddressFacts(3, 5, Run("ip_hash", 10, 10, 10), Run("cookie affinity", 12, 8, 10))).First().Verdict);
    }

    [Fact]
    public void Judge_CookieAllOnOneBackend_H2Refuted_TwoBackendsOrTooUneven_Inconclusive()
    {
        Assert.Equal(Verdict.Refuted, SharedAddressExperiment.Judge(new SharedAddressFacts(3, 5, Run("ip_hash", 0, 0, 30), Run("cookie affinity", 30, 0, 0))).ElementAt(1).Verdict);
        Assert.Equal(Verdict.Inconclusive, SharedAddressExperiment.Judge(new SharedAddressFacts(3, 5, Run("ip_hash", 0, 0, 30), Run("cookie affinity", 15, 15, 0))).ElementAt(1).Verdict);
        Assert.Equal(Verdict.Inconclusive, SharedAddressExperiment.Judge(new SharedAddressFacts(3, 5, Run("ip_hash", 0, 0, 30), Run("cookie affinity", 24, 3, 3))).ElementAt(1).Verdict);
    }

    [Fact]
    public void Judge_CookieUserMovedToAnotherBackend_H3Refuted()
    {
        var cookie = Run("cookie affinity", 12, 8, 10);
        cookie = cookie with { Users = [.. cookie.Users.Skip(1), new SharedAddressUser("127.9.9.1", 200, "server-1", 2, ["server-1", "server-2"])] };

        var h3 = SharedAddressExperiment.Judge(new SharedAddressFacts(3, 5, Run("ip_hash", 0, 0, 30), cookie)).Last();

        Assert.Equal(Verdict.Refuted, h3.Verdict);
        Assert.Contains("127.9.9.1 (server-1 → server-1/server-2, 2/5)", h3.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_NobodyLoggedIn_AllInconclusive()
    {
        var none = new PolicyRun("ip_hash", [new SharedAddressUser("127.9.9.1", 0, null, 0, [])]);

        Assert.All(SharedAddressExperiment.Judge(new SharedAddressFacts(3, 5, none, none with { Policy = "cookie affinity" })), v => Assert.Equal(Verdict.Inconclusive, v.Verdict));
    }

    private static PolicyRun Run(string policy, params int[] perBackend) => new(
        policy,
        [.. perBackend.SelectMany((count, b) => Enumerable.Range(0, count).Select(i => new SharedAddressUser($"127.9.9.{(b * 30) + i + 1}", 200, $"server-{b + 1}", 5, [$"server-{b + 1}"])))]);
}
