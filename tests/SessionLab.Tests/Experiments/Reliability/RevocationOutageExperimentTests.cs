using SessionLab.Experiments.Framework.FaultsUnderLoad;
using SessionLab.Experiments.Reliability;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.Reliability;

public sealed class RevocationOutageExperimentTests
{
    private static readonly RevocationOutageExperiment Experiment = new();

    [Fact]
    public void Judge_EachPolicyAsStated_BlacklistKept_AllConfirmed()
    {
        var verdicts = RevocationOutageExperiment.Judge(FailClosed(), FailOpen()).ToList();

        Assert.Equal(["H1", "H2", "H3", "H4"], verdicts.Select(v => v.Id));
        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("the legitimate token got 503 ×10 (P99 4.000 ms), the revoked one 503 ×10", verdicts[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("401 ×5 before the outage and 200 ×10 while Redis was down", verdicts[2].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_FailClosedAcceptsTheRevokedToken_H1Refuted()
    {
        var failClosed = FailClosed() with { RevokedDuring = Probes(200, 3, 2) };

        var verdicts = RevocationOutageExperiment.Judge(failClosed, FailOpen()).ToList();

        Assert.Equal(Verdict.Refuted, verdicts[0].Verdict);
    }

    [Fact]
    public void Judge_FailClosedTooSlow_H1Refuted()
    {
        var failClosed = FailClosed() with { LegitDuring = [.. Probes(503, 10, 4), .. Probes(503, 1, 1500)] };

        Assert.Equal(Verdict.Refuted, RevocationOutageExperiment.Judge(failClosed, FailOpen()).First().Verdict);
    }

    [Fact]
    public void Judge_FailOpenLoadFailed_H2Refuted_RevokedRefused_H3Refuted()
    {
        var failOpen = FailOpen() with { Failures = new Dictionary<string, long> { ["503"] = 7 }, RevokedDuring = Probes(401, 4, 2) };

        var verdicts = RevocationOutageExperiment.Judge(FailClosed(), failOpen).ToList();

        Assert.Equal(Verdict.Refuted, verdicts[1].Verdict);
        Assert.Contains("7 of 1000 requests failed (503 ×7)", verdicts[1].Evidence, StringComparison.Ordinal);
        Assert.Equal(Verdict.Refuted, verdicts[2].Verdict);
    }

    [Fact]
    public void Judge_BlacklistLostWithTheRestart_H4Refuted_SaysWhy()
    {
        var verdicts = RevocationOutageExperiment.Judge(FailClosed() with { RevokedAfter = 200 }, FailOpen() with { RevokedAfter = 200 }).ToList();

        Assert.Equal(Verdict.Refuted, verdicts[3].Verdict);
        Assert.Contains("200 (fail closed) and 200 (fail open): the blacklist was lost", verdicts[3].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_NoProbesWhileDown_NoReconnect_Inconclusive()
    {
        var verdicts = RevocationOutageExperiment.Judge(FailClosed() with { LegitDuring = [], RevokedAfter = null }, FailOpen() with { RevokedDuring = [] }).ToList();

        Assert.Equal([Verdict.Inconclusive, Verdict.Confirmed, Verdict.Inconclusive, Verdict.Inconclusive], verdicts.Select(v => v.Verdict));
    }

    private static RevocationOutageFacts FailClosed() =>
        new("fail closed", 1000, new Dictionary<string, long> { ["503"] = 300 }, Probes(503, 10, 4), Probes(401, 5, 2), Probes(503, 10, 4), 401);

    private static RevocationOutageFacts FailOpen() =>
        new("fail open", 1000, new Dictionary<string, long>(), Probes(200, 10, 2), Probes(401, 5, 2), Probes(200, 10, 2), 401);

    private static ProbeSample[] Probes(int status, int count, double ms) =>
        [.. Enumerable.Range(0, count).Select(i => new ProbeSample(1 + (i * 0.05), status, "server-1", null, ms))];
}
