using SessionLab.Experiments.Framework;
using SessionLab.Experiments.Jwt;
using SessionLab.Reporting.Model;
using static SessionLab.Tests.Experiments.CannedExchanges;

namespace SessionLab.Tests.Experiments.Jwt;

public sealed class JwtExpiryTamperingExperimentTests
{

    [Fact]
    public void Judge_AcceptedBeforeExpRefusedAfterAndForgeryCaught_ConfirmsAll()
    {
        var verdicts = JwtExpiryTamperingExperiment.Judge(Facts()).ToList();

        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("0.5 s past exp", verdicts[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("+1.900 s from exp", verdicts[1].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_RefusedBeforeExp_RefutesH1()
    {
        var facts = Facts(early: Error(401, "token expired"));

        Assert.Equal(Verdict.Refuted, JwtExpiryTamperingExperiment.Judge(facts).First().Verdict);
    }

    [Fact]
    public void Judge_ExpiredTokenStillAccepted_RefutesH2()
    {
        var facts = Facts(late: Ok());

        var h2 = JwtExpiryTamperingExperiment.Judge(facts).Single(v => v.Id == "H2");

        Assert.Equal(Verdict.Refuted, h2.Verdict);
        Assert.Contains("→ 200", h2.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_ForgedTokenAcceptedOrRefusedForAnotherReason_RefutesH3()
    {
        foreach (var reply in new[] { Ok(), Error(401, "token expired") })
        {
            Assert.Equal(Verdict.Refuted, JwtExpiryTamperingExperiment.Judge(Facts(forged: reply)).Single(v => v.Id == "H3").Verdict);
        }
    }

    [Fact]
    public void Judge_NoCheckAfterExpiry_H2Inconclusive()
    {
        var facts = Facts() with { Checks = [.. Facts().Checks.Where(c => c.Kind != TimedCheckKind.AfterExpiry)] };

        Assert.Equal(Verdict.Inconclusive, JwtExpiryTamperingExperiment.Judge(facts).Single(v => v.Id == "H2").Verdict);
    }

    private static ExpiryFacts Facts(Exchange? early = null, Exchange? late = null, Exchange? forged = null) => new(
        [
            new(TimedCheckKind.BeforeExpiry, "T0", 0.01, -4.1, "valid", Ok()),
            new(TimedCheckKind.BeforeExpiry, "T0+3 s", 3.0, -1.1, "valid", early ?? Ok()),
            new(TimedCheckKind.InsideSkew, "exp+0.5 s", 4.6, 0.5, "expired, inside the skew", Ok()),
            new(TimedCheckKind.AfterExpiry, "T0+6 s", 6.0, 1.9, "expired", late ?? Error(401, "token expired")),
            new(TimedCheckKind.Tampered, "after T0+6 s", 6.01, 1.91, "forged", forged ?? Error(401, "invalid signature")),
        ],
        TimeSpan.FromSeconds(1),
        TimeSpan.FromSeconds(5));
}
