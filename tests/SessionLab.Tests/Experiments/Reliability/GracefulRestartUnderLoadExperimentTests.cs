using SessionLab.Experiments.Reliability;
using SessionLab.Reporting.Model;
using static SessionLab.Tests.Experiments.Reliability.FailoverRuns;

namespace SessionLab.Tests.Experiments.Reliability;

public sealed class GracefulRestartUnderLoadExperimentTests
{
    private static readonly GracefulRestartUnderLoadExperiment Experiment = new();

    private const RestartProcedure Alone = RestartProcedure.SigtermAlone;
    private const RestartProcedure Deregistered = RestartProcedure.DeregisteredFirst;

    [Fact]
    public void Judge_No5xxNoTransportFailure_BackendsUp_AllConfirmed()
    {
        var verdicts = GracefulRestartUnderLoadExperiment.Judge([
            new(Alone, Run("sticky", 0, 8, new() { ["401"] = 300 }), 0.15, 200),
            new(Deregistered, Run("sticky", 0, 8, new() { ["401"] = 300 }), 0.7, 200),
            new(Deregistered, Run("redis", 8, 0), 0.7, 200),
        ]).ToList();

        Assert.Equal(["H1", "H2", "H3", "H4"], verdicts.Select(v => v.Id));
        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("sticky: 0 5xx of 1000 requests, GET /profile and POST /login (failed: none; refused: 401 ×300)", verdicts[0].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_502WithSigtermAloneOnly_H4Refuted_H1ConfirmedByTheDeregisteredRuns()
    {
        var verdicts = GracefulRestartUnderLoadExperiment.Judge([
            new(Alone, Run("redis", 8, 0, new() { ["502"] = 2 }), 0.2, 200),
            new(Deregistered, Run("redis", 8, 0), 0.7, 200),
        ]).ToList();

        Assert.Equal([Verdict.Confirmed, Verdict.Confirmed, Verdict.Confirmed, Verdict.Refuted], verdicts.Select(v => v.Verdict));
        Assert.Contains("redis: 2 5xx and 0 transport failures", verdicts[3].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_502AfterDeregistering_H1Refuted()
    {
        var verdicts = GracefulRestartUnderLoadExperiment.Judge([new(Deregistered, Run("redis", 8, 0, new() { ["502"] = 2 }), 0.7, 200)]).ToList();

        Assert.Equal([Verdict.Refuted, Verdict.Confirmed, Verdict.Confirmed, Verdict.Inconclusive], verdicts.Select(v => v.Verdict));
    }

    [Fact]
    public void Judge_ResetOrFailedProbe_H2Refuted_BackendDown_H3Refuted()
    {
        var reset = GracefulRestartUnderLoadExperiment.Judge([new(Deregistered, Run("jwt", 8, 0, new() { ["connection reset"] = 1 }), 0.7, 0)]).ToList();
        var probe = GracefulRestartUnderLoadExperiment.Judge([new(Deregistered, Run("jwt", 8, 0, failedProbes: 1), 0.7, 200)]).ToList();

        Assert.Equal([Verdict.Confirmed, Verdict.Refuted, Verdict.Refuted, Verdict.Inconclusive], reset.Select(v => v.Verdict));
        Assert.Equal(Verdict.Refuted, probe[1].Verdict);
        Assert.Contains("/health no reply", reset[2].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_ResetWithSigtermAlone_H4Refuted()
    {
        var verdicts = GracefulRestartUnderLoadExperiment.Judge([new(Alone, Run("jwt", 8, 0, new() { ["connection reset"] = 1 }), 0.2, 200)]).ToList();

        Assert.Equal(Verdict.Refuted, verdicts[3].Verdict);
        Assert.Equal(Verdict.Inconclusive, verdicts[0].Verdict);
    }

    [Fact]
    public void LoginRequest_Worker3_PostsItsOwnUserAsJson()
    {
        var request = GracefulRestartUnderLoadExperiment.LoginRequest(3);

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/login", request.Path);
        Assert.Equal("application/json", request.ContentType);
        using var body = System.Text.Json.JsonDocument.Parse(request.Body);
        Assert.Equal("restart-3", body.RootElement.GetProperty("username").GetString());
    }

    [Fact]
    public void Judge_NothingMeasured_AllInconclusive() =>
        Assert.All(GracefulRestartUnderLoadExperiment.Judge([]), v => Assert.Equal(Verdict.Inconclusive, v.Verdict));
}
