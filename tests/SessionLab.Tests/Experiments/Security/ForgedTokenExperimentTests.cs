using SessionLab.Experiments.Framework;
using SessionLab.Experiments.Security;
using SessionLab.Reporting.Model;
using static SessionLab.Tests.Experiments.CannedExchanges;

namespace SessionLab.Tests.Experiments.Security;

public sealed class ForgedTokenExperimentTests
{

    [Fact]
    public void Judge_AllRefusedWithExpectedErrors_ConfirmsAll()
    {
        var verdicts = ForgedTokenExperiment.Judge(Facts()).ToList();

        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("none of the 3", verdicts[0].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_AForgeryAccepted_RefutesH1AndH3()
    {
        var verdicts = ForgedTokenExperiment.Judge(Facts(algNone: Ok())).ToList();

        Assert.Equal(Verdict.Refuted, verdicts.Single(v => v.Id == "H1").Verdict);
        Assert.Contains("alg: none", verdicts.Single(v => v.Id == "H1").Evidence, StringComparison.Ordinal);
        Assert.Equal(Verdict.Confirmed, verdicts.Single(v => v.Id == "H2").Verdict);
        Assert.Equal(Verdict.Refuted, verdicts.Single(v => v.Id == "H3").Verdict);
    }

    [Fact]
    public void Judge_ServerErrorOrTimeout_RefutesH2()
    {
        foreach (var reply in new[] { Error(500, "internal error"), NoReply() })
        {
            Assert.Equal(Verdict.Refuted, ForgedTokenExperiment.Judge(Facts(huge: reply)).Single(v => v.Id == "H2").Verdict);
        }
    }

    [Fact]
    public void Judge_RefusedWithAnotherError_RefutesOnlyH3()
    {
        var verdicts = ForgedTokenExperiment.Judge(Facts(algNone: Error(401, "token expired"))).ToList();

        Assert.Equal(Verdict.Confirmed, verdicts.Single(v => v.Id == "H1").Verdict);
        Assert.Equal(Verdict.Refuted, verdicts.Single(v => v.Id == "H3").Verdict);
    }

    [Fact]
    public void Judge_ControlRefused_H1Inconclusive()
    {
        var facts = Facts() with { Control = Error(401, "invalid signature") };

        Assert.Equal(Verdict.Inconclusive, ForgedTokenExperiment.Judge(facts).Single(v => v.Id == "H1").Verdict);
    }

    [Fact]
    public void AsExpected_HtmlSizeRefusalFromTheBalancer_CountsOnlyWhenExpected()
    {
        var html = new Exchange(400, null, "<html>400 Request Header Or Cookie Too Large</html>", null, 1, null, null);

        Assert.True(new TokenProbe("huge", ["invalid token", ForgedTokenExperiment.TooLarge], html).AsExpected);
        Assert.False(new TokenProbe("alg none", ["invalid signature"], html).AsExpected);
    }

    private static ForgedTokenFacts Facts(Exchange? algNone = null, Exchange? huge = null) => new(
        Ok(),
        [
            new("alg: none, signature dropped", ["invalid signature", "invalid token"], algNone ?? Error(401, "invalid signature")),
            new("expired", ["token expired"], Error(401, "token expired")),
            new("100 KB token", ["invalid token", ForgedTokenExperiment.TooLarge], huge ?? Error(431, "invalid token")),
        ]);
}
