using SessionLab.Experiments.Jwt;
using SessionLab.Reporting.Model;
using static SessionLab.Tests.Experiments.CannedExchanges;

namespace SessionLab.Tests.Experiments.Jwt;

public sealed class JwtStatelessnessExperimentTests
{

    [Fact]
    public void Judge_200EverywhereAfterOutageAndRestart_ConfirmsAll()
    {
        var verdicts = JwtStatelessnessExperiment.Judge(Facts()).ToList();

        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("3 of 3 /profile calls answered 200 while Redis was down", verdicts[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("503 revocation store unavailable", verdicts[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("pid 100 → 200", verdicts[1].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_ProfileFailsWhileRedisIsDown_RefutesH1()
    {
        var facts = Facts() with { ProfileWhileStoreDown = [Ok(), Error(503, "session store unavailable"), Ok()] };

        var h1 = JwtStatelessnessExperiment.Judge(facts).First();

        Assert.Equal(Verdict.Refuted, h1.Verdict);
        Assert.Contains("2 of 3", h1.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_BackendNotSeenToRestart_H2Inconclusive()
    {
        var facts = Facts() with { PidAfter = 100 };

        Assert.Equal(Verdict.Inconclusive, JwtStatelessnessExperiment.Judge(facts).Single(v => v.Id == "H2").Verdict);
    }

    [Fact]
    public void Judge_TokenRefusedAfterRestart_RefutesH2()
    {
        var facts = Facts() with { AfterRestart = [Error(401, "invalid signature"), Ok()] };

        Assert.Equal(Verdict.Refuted, JwtStatelessnessExperiment.Judge(facts).Single(v => v.Id == "H2").Verdict);
    }

    [Fact]
    public void Judge_ABackendSeesAnotherUser_RefutesH3()
    {
        var other = Ok("server-3", json: """{"user_id":1002,"username":"bob","server_id":"server-3"}""");
        var facts = Facts() with { Direct = [new("jwt/server-1", Ok()), new("jwt/server-2", Ok("server-2")), new("jwt/server-3", other)] };

        var h3 = JwtStatelessnessExperiment.Judge(facts).Single(v => v.Id == "H3");

        Assert.Equal(Verdict.Refuted, h3.Verdict);
        Assert.Contains("2 of 3 backends", h3.Evidence, StringComparison.Ordinal);
    }

    private static StatelessnessFacts Facts() => new(
        Ok(json: """{"token":"x.y.z","user_id":1001,"username":"alice","server_id":"server-2"}"""),
        [Ok("server-1"), Ok("server-2"), Ok("server-3")],
        Error(503, "revocation store unavailable"),
        "jwt/server-2",
        100,
        200,
        [Ok("server-2"), Ok("server-1"), Ok("server-3")],
        [new("jwt/server-1", Ok("server-1")), new("jwt/server-2", Ok("server-2")), new("jwt/server-3", Ok("server-3"))]);
}
