using SessionLab.Experiments.Framework.FaultsUnderLoad;
using SessionLab.Experiments.Reliability;
using SessionLab.Reporting.Model;
using static SessionLab.Tests.Experiments.Reliability.FailoverRuns;

namespace SessionLab.Tests.Experiments.Reliability;

public sealed class BackendKillUnderLoadExperimentTests
{
    private static readonly BackendKillUnderLoadExperiment Experiment = new();

    [Fact]
    public void Judge_SharedSessionsKept_StickyLost_NoFailoverErrors_AllConfirmed()
    {
        var verdicts = BackendKillUnderLoadExperiment.Judge([
            Run("sticky", kept: 0, lost: 8, new() { ["401"] = 500 }),
            Run("redis", kept: 8, lost: 0),
            Run("jwt", kept: 8, lost: 0),
        ]).ToList();

        Assert.Equal(["H1", "H2", "H3"], verdicts.Select(v => v.Id));
        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("redis: 8 of 8 sessions kept", verdicts[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("401 ×500", verdicts[1].Evidence, StringComparison.Ordinal);
        Assert.Contains("sticky: 0 of 1000 requests failed", verdicts[2].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_RedisLosesASession_H1Refuted()
    {
        var verdicts = BackendKillUnderLoadExperiment.Judge([Run("redis", kept: 7, lost: 1), Run("jwt", kept: 8, lost: 0)]).ToList();

        Assert.Equal(Verdict.Refuted, verdicts[0].Verdict);
        Assert.Equal(Verdict.Inconclusive, verdicts[1].Verdict);
    }

    [Fact]
    public void Judge_StickySessionsSurvive_H2Refuted()
    {
        var verdicts = BackendKillUnderLoadExperiment.Judge([Run("sticky", kept: 8, lost: 0)]).ToList();

        Assert.Equal(Verdict.Inconclusive, verdicts[0].Verdict);
        Assert.Equal(Verdict.Refuted, verdicts[1].Verdict);
    }

    [Fact]
    public void Judge_502sOrFailedProbes_H3Refuted_401sDoNotCount()
    {
        var with502 = BackendKillUnderLoadExperiment.Judge([Run("jwt", 8, 0, new() { ["502"] = 3, ["401"] = 10 })]).ToList();
        var withProbe = BackendKillUnderLoadExperiment.Judge([Run("jwt", 8, 0, failedProbes: 2)]).ToList();
        var only401 = BackendKillUnderLoadExperiment.Judge([Run("sticky", 0, 8, new() { ["401"] = 10 })]).ToList();

        Assert.Equal(Verdict.Refuted, with502[2].Verdict);
        Assert.Contains("jwt: 3 of 1000 requests failed", with502[2].Evidence, StringComparison.Ordinal);
        Assert.Equal(Verdict.Refuted, withProbe[2].Verdict);
        Assert.Equal(Verdict.Confirmed, only401[2].Verdict);
    }

    [Fact]
    public void Judge_NothingMeasured_AllInconclusive()
    {
        Assert.All(BackendKillUnderLoadExperiment.Judge([]), v => Assert.Equal(Verdict.Inconclusive, v.Verdict));
    }

    [Theory]
    [InlineData("502", true)]
    [InlineData("503", true)]
    [InlineData("timeout", true)]
    [InlineData("connection refused", true)]
    [InlineData("401", false)]
    [InlineData("404", false)]
    public void IsFailure_ServerAndTransportFailuresOnly(string kind, bool expected) =>
        Assert.Equal(expected, FailureTally.IsFailure(kind));

    [Fact]
    public void FailedAndRefused_KeepTheLostSessions401sApartFromFailures()
    {
        var run = FailoverRuns.Run("sticky", kept: 0, lost: 8, failures: new() { ["401"] = 900, ["502"] = 3, ["connection closed"] = 1 });

        Assert.Equal("502 ×3, connection closed ×1", run.Failed);
        Assert.Equal("401 ×900", run.Refused);
        Assert.Equal(4, run.FailoverErrors);
        Assert.Equal("0 4 0", run.FailedPerSecond);
        Assert.Equal("0 900 0", run.RefusedPerSecond);
    }
}
