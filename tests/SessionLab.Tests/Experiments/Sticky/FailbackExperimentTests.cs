using SessionLab.Experiments.Sticky;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.Sticky;

public sealed class FailbackExperimentTests
{
    private const string Victim = "server-1";

    [Fact]
    public void Judge_IpHashSendsBack_CookieKeeps_OthersUntouched_AllConfirmed()
    {
        var verdicts = FailbackExperiment.Judge(new FailbackFacts("YARP 2.3.0", Victim, [Other("server-2"), SentBack("server-3")], [Other("server-3"), Stayed("server-2"), Stayed("server-3")])).ToList();

        Assert.Equal(["H1", "H2", "H3", "H4"], verdicts.Select(v => v.Id));
        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("2 stayed where they went", verdicts[2].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_CookieAffinitySendsBackToo_H3Refuted()
    {
        var verdicts = FailbackExperiment.Judge(new FailbackFacts("nginx 1.22.1", Victim, [Other("server-2"), SentBack("server-3")], [Other("server-3"), SentBack("server-2")])).ToList();

        Assert.Equal(Verdict.Confirmed, verdicts[1].Verdict);
        Assert.Equal(Verdict.Refuted, verdicts[2].Verdict);
        Assert.Contains("1 were sent back to it after its return and lost that session too", verdicts[2].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_IpHashUsersStay_H2Refuted()
    {
        Assert.Equal(Verdict.Refuted, FailbackExperiment.Judge(new FailbackFacts("YARP", Victim, [Stayed("server-2")], [Stayed("server-3")])).ElementAt(1).Verdict);
    }

    [Fact]
    public void Judge_OrphanKeptItsSessionAtTheCrash_H1Refuted_OtherUserLost_H4Refuted()
    {
        var kept = new FailbackUser("127.100.1.1", Victim, 200, "200", "server-2", null, 200, "200", "server-2");
        var otherLost = Other("server-3") with { AfterReturnStatus = 401, AfterReturn = "401 session not found" };

        var verdicts = FailbackExperiment.Judge(new FailbackFacts("YARP", Victim, [kept, SentBack("server-2")], [otherLost, Stayed("server-2")])).ToList();

        Assert.Equal(Verdict.Refuted, verdicts[0].Verdict);
        Assert.Equal(Verdict.Refuted, verdicts[3].Verdict);
    }

    [Fact]
    public void Judge_NobodyOnTheKilledBackend_Inconclusive()
    {
        var verdicts = FailbackExperiment.Judge(new FailbackFacts("YARP", Victim, [Other("server-2")], [Other("server-3")])).ToList();

        Assert.All(verdicts.Take(3), v => Assert.Equal(Verdict.Inconclusive, v.Verdict));
        Assert.Equal(Verdict.Confirmed, verdicts[3].Verdict);
    }

    private static FailbackUser Other(string backend) => new("127.101.1.1", backend, 200, "200", backend, null, 200, "200", backend);

    private static FailbackUser SentBack(string movedTo) => new("127.102.1.1", Victim, 401, "401 session not found", movedTo, movedTo, 401, "401 session not found", Victim);

    private static FailbackUser Stayed(string movedTo) => new("127.103.1.1", Victim, 401, "401 session not found", movedTo, movedTo, 200, "200", movedTo);
}
