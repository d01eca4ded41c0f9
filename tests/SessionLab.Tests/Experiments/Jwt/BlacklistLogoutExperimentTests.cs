using SessionLab.Experiments.Jwt;
using SessionLab.Reporting.Model;
using static SessionLab.Tests.Experiments.CannedExchanges;

namespace SessionLab.Tests.Experiments.Jwt;

public sealed class BlacklistLogoutExperimentTests
{

    [Fact]
    public void Judge_EntryForTheLifetimeRefusedExpiredAndFifteenPercent_ConfirmsAll()
    {
        var verdicts = BlacklistLogoutExperiment.Judge(Facts()).ToList();

        Assert.Equal(4, verdicts.Count);
        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("TTL 7200.5 s against 7199.5 s", verdicts[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("+15.0 %", verdicts[3].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_NoEntryAfterLogout_RefutesH1()
    {
        var facts = Facts() with { Entry = new BlacklistEntry("blacklist:abc", false, null, 7199.5, "7201") };

        Assert.Equal(Verdict.Refuted, BlacklistLogoutExperiment.Judge(facts).First().Verdict);
    }

    [Fact]
    public void Judge_EntryShorterThanTheToken_RefutesH1()
    {
        var facts = Facts() with { Entry = new BlacklistEntry("blacklist:abc", true, TimeSpan.FromSeconds(60), 7199.5, "60") };

        Assert.Equal(Verdict.Refuted, BlacklistLogoutExperiment.Judge(facts).First().Verdict);
    }

    [Fact]
    public void Judge_RevokedTokenAcceptedSomewhere_RefutesH2()
    {
        var facts = Facts() with { Revoked = [new("load balancer", Error(401, "token revoked")), new("jwt/server-2", Ok("server-2"))] };

        var h2 = BlacklistLogoutExperiment.Judge(facts).Single(v => v.Id == "H2");

        Assert.Equal(Verdict.Refuted, h2.Verdict);
        Assert.Contains("1 of 2", h2.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_EntryOutlivesTheToken_RefutesH3()
    {
        var facts = Facts() with { ShortExistsAfterWait = true };

        Assert.Equal(Verdict.Refuted, BlacklistLogoutExperiment.Judge(facts).Single(v => v.Id == "H3").Verdict);
    }

    [Fact]
    public void Judge_EveryRoundAboveTheBand_RefutesH4WithTheMeasuredFigure()
    {
        var facts = Facts() with { ViaBalancer = Overhead(1.0, [1.40, 1.45, 1.38]) };

        var h4 = BlacklistLogoutExperiment.Judge(facts).Single(v => v.Id == "H4");

        Assert.Equal(Verdict.Refuted, h4.Verdict);
        Assert.Contains("+40.0 %", h4.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_RoundsStraddlingTheBand_H4Inconclusive()
    {
        var facts = Facts() with { ViaBalancer = Overhead(1.0, [1.05, 1.25, 1.30]) };

        Assert.Equal(Verdict.Inconclusive, BlacklistLogoutExperiment.Judge(facts).Single(v => v.Id == "H4").Verdict);
    }

    [Fact]
    public void Judge_FailedRequestsDuringTheMeasurement_H4Inconclusive()
    {
        var facts = Facts() with { ViaBalancer = Overhead(1.0, [1.15, 1.15, 1.15]) with { Failures = 3 } };

        Assert.Equal(Verdict.Inconclusive, BlacklistLogoutExperiment.Judge(facts).Single(v => v.Id == "H4").Verdict);
    }

    private static BlacklistFacts Facts() => new(
        Reply(200, """{"server_id":"server-1","message":"token revoked","jti":"abc","blacklist_ttl_seconds":7201}"""),
        new BlacklistEntry("blacklist:abc", true, TimeSpan.FromSeconds(7200.5), 7199.5, "7201"),
        [new("load balancer", Error(401, "token revoked")), new("jwt/server-1", Error(401, "token revoked"))],
        Reply(200, """{"user_id":1001,"username":"bob","server_id":"server-1","revocation_check":"off"}"""),
        new BlacklistEntry("blacklist:def", true, TimeSpan.FromSeconds(30.9), 29.9, "31"),
        false,
        TimeSpan.FromSeconds(35),
        Error(401, "token expired"),
        Overhead(1.0, [1.15, 1.14, 1.16]),
        Overhead(0.2, [0.3, 0.3, 0.3]),
        TimeSpan.FromSeconds(1),
        (10, 20));

    /// <summary>Rounds whose plain requests take <paramref name="plain"/> ms and checked ones the given medians.</summary>
    private static LatencyOverhead Overhead(double plain, double[] checkedPerRound) =>
        new("load balancer", [.. checkedPerRound.Select(c => new OverheadRound([plain, plain, plain], [c, c, c]))], 0);
}
