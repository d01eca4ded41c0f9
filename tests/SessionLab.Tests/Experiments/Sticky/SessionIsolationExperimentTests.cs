using SessionLab.Experiments.Sticky;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.Sticky;

public sealed class SessionIsolationExperimentTests
{
    private static readonly SessionIsolationExperiment Experiment = new();

    [Fact]
    public void Judge_OnlyCreatorAccepts_OthersNotFound_ListedOnce_AllConfirmed()
    {
        var facts = Facts(
            new BackendIsolation("server-1", 8081, 401, "401 session not found", "session not found", null, false, 0),
            new BackendIsolation("server-2", 8082, 200, "200", null, "alice", true, 1),
            new BackendIsolation("server-3", 8083, 401, "401 session not found", "session not found", null, false, 2));

        var verdicts = SessionIsolationExperiment.Judge(facts).ToList();

        Assert.Equal(["H1", "H2", "H3"], verdicts.Select(v => v.Id));
        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("1 of 3 backends accepted", verdicts[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("server-1 0, server-2 1, server-3 2", verdicts[2].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_EveryBackendAcceptsAndListsTheSession_AllRefuted()
    {
        // What a shared store would look like: the cookie works everywhere.
        var facts = Facts(
            new BackendIsolation("server-1", 8081, 200, "200", null, "alice", true, 1),
            new BackendIsolation("server-2", 8082, 200, "200", null, "alice", true, 1),
            new BackendIsolation("server-3", 8083, 200, "200", null, "alice", true, 1));

        var verdicts = SessionIsolationExperiment.Judge(facts).ToList();

        Assert.All(verdicts, v => Assert.Equal(Verdict.Refuted, v.Verdict));
        Assert.Contains("3 of 3 backends accepted", verdicts[0].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_OtherBackendTimesOut_H2Inconclusive_UnreadableListing_H3Inconclusive()
    {
        var facts = Facts(
            new BackendIsolation("server-1", 8081, 0, "timeout", null, null, null, null),
            new BackendIsolation("server-2", 8082, 200, "200", null, "alice", true, 1),
            new BackendIsolation("server-3", 8083, 401, "401 session not found", "session not found", null, false, 0));

        var verdicts = SessionIsolationExperiment.Judge(facts).ToList();

        Assert.Equal(Verdict.Confirmed, verdicts[0].Verdict);
        Assert.Equal(Verdict.Inconclusive, verdicts[1].Verdict);
        Assert.Equal(Verdict.Inconclusive, verdicts[2].Verdict);
    }

    [Fact]
    public void Judge_NoSessionCookie_AllInconclusive()
    {
        var facts = new IsolationFacts("alice", null, null, 0, null, []);

        Assert.All(SessionIsolationExperiment.Judge(facts), v => Assert.Equal(Verdict.Inconclusive, v.Verdict));
    }

    private static IsolationFacts Facts(params BackendIsolation[] backends) => new("alice", "abc", "server-2", 200, "server-2", backends);
}
