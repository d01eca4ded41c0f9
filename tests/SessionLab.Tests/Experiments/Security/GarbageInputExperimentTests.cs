using SessionLab.Experiments.Framework;
using SessionLab.Experiments.Security;
using SessionLab.Reporting.Model;
using static SessionLab.Tests.Experiments.CannedExchanges;

namespace SessionLab.Tests.Experiments.Security;

public sealed class GarbageInputExperimentTests
{
    private static readonly Exchange BalancerRefusal = new(400, null, "<html>400 Request Header Or Cookie Too Large</html>", null, 1, null, null);

    [Fact]
    public void Judge_AllRefusedLegitServed_ConfirmsAll()
    {
        var verdicts = GarbageInputExperiment.Judge(Facts()).ToList();

        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("1 requests were refused by the load balancer", verdicts[1].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_ServerErrorOrHang_RefutesH1()
    {
        foreach (var reply in new[] { Error(500, "internal error"), NoReply(), Ok() })
        {
            Assert.Equal(Verdict.Refuted, GarbageInputExperiment.Judge(Facts(garbage: reply)).Single(v => v.Id == "H1").Verdict);
        }
    }

    [Fact]
    public void Judge_InjectedHeaderCameBack_RefutesH1()
    {
        var facts = new GarbageFacts([new("redis", "CRLF", "400", Error(400, "bad username"), true, Ok())]);

        Assert.Equal(Verdict.Refuted, GarbageInputExperiment.Judge(facts).Single(v => v.Id == "H1").Verdict);
    }

    [Fact]
    public void Judge_BackendRefusalWithoutJsonError_RefutesH2()
    {
        var facts = Facts(garbage: Reply(400, """{"server_id":"server-1"}"""));

        Assert.Equal(Verdict.Refuted, GarbageInputExperiment.Judge(facts).Single(v => v.Id == "H2").Verdict);
    }

    [Fact]
    public void Judge_LegitClientFailed_RefutesH3()
    {
        var facts = Facts(legit: Error(503, "session store unavailable"));

        Assert.Equal(Verdict.Refuted, GarbageInputExperiment.Judge(facts).Single(v => v.Id == "H3").Verdict);
    }

    private static GarbageFacts Facts(Exchange? garbage = null, Exchange? legit = null) => new(
    [
        new("sticky", "malformed JSON", "400", garbage ?? Error(400, "malformed"), false, legit ?? Ok()),
        new("redis", "16 KB cookie", "431", BalancerRefusal, false, Ok()),
    ]);
}
