using SessionLab.Experiments.Sticky;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.Sticky;

public sealed class BackendCrashExperimentTests
{
    private static readonly BackendCrashExperiment Experiment = new();

    [Fact]
    public void Judge_OrphansGet401OnLiveBackends_OthersKeepWorking_AllConfirmed()
    {
        var facts = new CrashFacts("server-2", [
            Kept("user1", "server-1"),
            Lost("user2", "server-2", 401, "401 session not found", "session not found", "server-3"),
            Kept("user3", "server-3"),
            Lost("user4", "server-2", 401, "401 session not found", "session not found", "server-1"),
            Kept("user5", "server-3"),
        ]);

        var verdicts = BackendCrashExperiment.Judge(facts).ToList();

        Assert.Equal(["H1", "H2", "H3"], verdicts.Select(v => v.Id));
        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("Of 2 users on server-2, 2 got 401", verdicts[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("3 of 3 users", verdicts[1].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_OrphanGets502_SurvivorMoved_H2AndH3Refuted_H1Inconclusive()
    {
        var facts = new CrashFacts("server-2", [
            new CrashUser("user1", "127.10.1.1", "server-1", 200, "200", null, "server-3", 1, null, null),
            Lost("user2", "server-2", 502, "502", null, null),
            Lost("user3", "server-2", 401, "401 session not found", "session not found", "server-3"),
        ]);

        var verdicts = BackendCrashExperiment.Judge(facts).ToList();

        Assert.Equal(Verdict.Inconclusive, verdicts[0].Verdict);
        Assert.Equal(Verdict.Refuted, verdicts[1].Verdict);
        Assert.Equal(Verdict.Refuted, verdicts[2].Verdict);
        Assert.Contains("1 got a 5xx", verdicts[2].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_OrphanKeepsItsSession_H1Refuted()
    {
        var facts = new CrashFacts("server-2", [Lost("user1", "server-2", 200, "200", null, "server-1"), Kept("user2", "server-3")]);

        Assert.Equal(Verdict.Refuted, BackendCrashExperiment.Judge(facts).First().Verdict);
    }

    [Fact]
    public void Judge_NothingKilled_AllInconclusive()
    {
        Assert.All(BackendCrashExperiment.Judge(new CrashFacts(null, [])), v => Assert.Equal(Verdict.Inconclusive, v.Verdict));
    }

    private static CrashUser Kept(string user, string backend) => new(user, "127.10.1.1", backend, 200, "200", null, backend, 1.5, null, null);

    private static CrashUser Lost(string user, string backend, int status, string reply, string? error, string? after) =>
        new(user, "127.11.1.1", backend, status, reply, error, after, 2.5, 200, after);
}
