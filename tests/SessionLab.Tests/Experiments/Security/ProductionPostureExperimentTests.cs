using SessionLab.Experiments.Security;
using SessionLab.Reporting.Model;
using SessionLab.Topology;
using static SessionLab.Tests.Experiments.CannedExchanges;

namespace SessionLab.Tests.Experiments.Security;

public sealed class ProductionPostureExperimentTests
{

    [Fact]
    public void Judge_AllAsASafeDeploymentBehaves_ConfirmsAll()
    {
        var verdicts = ProductionPostureExperiment.Judge(Facts()).ToList();

        Assert.Equal(["H1", "H2", "H3", "H4", "H5"], verdicts.Select(v => v.Id));
        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
    }

    [Fact]
    public void Judge_ShortTokenMintedForAnAnonymousClient_RefutesH1()
    {
        var facts = Facts() with { Anonymous = [("jwt", "POST /login-short", Ok()), ("jwt", "GET /profile", Error(401, "missing token"))] };

        var h1 = ProductionPostureExperiment.Judge(facts).Single(v => v.Id == "H1");

        Assert.Equal(Verdict.Refuted, h1.Verdict);
        Assert.Contains("Granted: jwt POST /login-short", h1.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_LoginNeverThrottled_RefutesH2AndH3()
    {
        var facts = Facts() with
        {
            Guesses = [.. Enumerable.Repeat(Error(401, "invalid username or password"), 15)],
            GuesserRightPassword = Ok(),
            Spread = [.. Enumerable.Repeat(Error(401, "invalid username or password"), 30)],
        };

        var verdicts = ProductionPostureExperiment.Judge(facts).ToList();

        Assert.Equal(Verdict.Refuted, verdicts.Single(v => v.Id == "H2").Verdict);
        Assert.Equal(Verdict.Refuted, verdicts.Single(v => v.Id == "H3").Verdict);
    }

    [Fact]
    public void Judge_RealUserLockedOutByTheAddressBudget_RefutesH2()
    {
        var facts = Facts() with { RealUserMeanwhile = Error(429, "too many failed logins; try again later") };

        Assert.Equal(Verdict.Refuted, ProductionPostureExperiment.Judge(facts).Single(v => v.Id == "H2").Verdict);
    }

    [Fact]
    public void Judge_FewerGuessesThanTheBudget_H2Inconclusive()
    {
        var facts = Facts() with { Guesses = [.. Enumerable.Repeat(Error(401, "invalid username or password"), 5)] };

        Assert.Equal(Verdict.Inconclusive, ProductionPostureExperiment.Judge(facts).Single(v => v.Id == "H2").Verdict);
    }

    [Fact]
    public void Judge_UsernameThrottledOnlyFarBeyondItsBudget_RefutesH3()
    {
        var facts = Facts() with { Spread = [.. Enumerable.Repeat(Error(401, "invalid username or password"), 60), Error(429, "too many failed logins; try again later")] };

        Assert.Equal(Verdict.Refuted, ProductionPostureExperiment.Judge(facts).Single(v => v.Id == "H3").Verdict);
    }

    [Fact]
    public void Judge_OwnDeviceLockedOutWithTheUsername_RefutesH3()
    {
        var facts = Facts() with { OwnDeviceAfterSpread = Error(429, "too many failed logins; try again later") };

        Assert.Equal(Verdict.Refuted, ProductionPostureExperiment.Judge(facts).Single(v => v.Id == "H3").Verdict);
    }

    [Fact]
    public void Judge_ForgedRecordAccepted_RefutesH4()
    {
        var facts = Facts() with { Forgery = new ForgeryFacts(Ok(), true, Ok(), true, Error(401, "session not found")) };

        Assert.Equal(Verdict.Refuted, ProductionPostureExperiment.Judge(facts).Single(v => v.Id == "H4").Verdict);
    }

    [Fact]
    public void Judge_RecordsCouldNotBeWritten_H4Inconclusive()
    {
        var facts = Facts() with { Forgery = new ForgeryFacts(Ok(), false, Ok(), false, Error(401, "session not found")) };

        Assert.Equal(Verdict.Inconclusive, ProductionPostureExperiment.Judge(facts).Single(v => v.Id == "H4").Verdict);
    }

    [Fact]
    public void Judge_SecretInALog_RefutesH5WithWhereNeverWhat()
    {
        var facts = Facts() with { Logs = new LogScan(3, 120, ["the JWT key"], [new("backends/jwt-server-2.log", 7, "the JWT key")]) };

        var h5 = ProductionPostureExperiment.Judge(facts).Single(v => v.Id == "H5");

        Assert.Equal(Verdict.Refuted, h5.Verdict);
        Assert.Contains("the JWT key in backends/jwt-server-2.log line 7", h5.Evidence, StringComparison.Ordinal);
    }

    private static ProductionPostureFacts Facts()
    {
        var wrong = Error(401, "invalid username or password");
        var throttled = Error(429, "too many failed logins; try again later");
        return new ProductionPostureFacts(
            [
                ("redis", "POST /login-short", Error(404, "not found")),
                ("redis", "GET /debug/sessions", Error(404, "not found")),
                ("jwt", "GET /debug/runtime?gc=true", Error(404, "not found")),
                ("jwt", "GET /profile", Error(401, "missing token")),
            ],
            ClientBurst: 10,
            UserBurst: 30,
            Refill: TimeSpan.FromSeconds(6),
            GuessingSeconds: 8,
            Guesses: [.. Enumerable.Repeat(wrong, 10), .. Enumerable.Repeat(throttled, 5)],
            GuesserRightPassword: throttled,
            RealUserMeanwhile: Ok(),
            Spread: [.. Enumerable.Repeat(wrong, 21), throttled],
            TargetAfterSpread: throttled,
            OtherUserAfterSpread: Ok(),
            OwnDeviceAfterSpread: Ok(),
            Forgery: new ForgeryFacts(Ok(), true, Error(401, "session not found"), true, Error(401, "session not found")),
            Logs: new LogScan(12, 4_000, ["the JWT key", "the session key"], []));
    }
}
