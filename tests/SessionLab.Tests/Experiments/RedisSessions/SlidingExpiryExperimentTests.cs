using SessionLab.Experiments.RedisSessions;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.RedisSessions;

public sealed class SlidingExpiryExperimentTests
{
    private static readonly SlidingExpiryExperiment Experiment = new();
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    [Fact]
    public void Judge_TtlFallsRenewsAndExpires_AllConfirmed()
    {
        var facts = Facts(idle: 20.0, renewed: 29.99, finalStatus: 401, keyExists: false);

        var verdicts = SlidingExpiryExperiment.Judge(facts).ToList();

        Assert.Equal(["H1", "H2", "H3"], verdicts.Select(v => v.Id));
        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("from 29.99 s at the login to 20.00 s", verdicts[0].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_ReadDoesNotRenew_SessionOutlivesTtl_H2AndH3Refuted()
    {
        // A store that never slides: /profile leaves the TTL where it was, and a key without expiry survives.
        var facts = Facts(idle: 20.0, renewed: 19.98, finalStatus: 200, keyExists: true);

        var verdicts = SlidingExpiryExperiment.Judge(facts).ToList();

        Assert.Equal(Verdict.Confirmed, verdicts[0].Verdict);
        Assert.Equal(Verdict.Refuted, verdicts[1].Verdict);
        Assert.Equal(Verdict.Refuted, verdicts[2].Verdict);
        Assert.Contains("still there", verdicts[2].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_TtlDoesNotFall_H1Refuted()
    {
        var facts = Facts(idle: 29.99, renewed: 29.99, finalStatus: 401, keyExists: false);

        Assert.Equal(Verdict.Refuted, SlidingExpiryExperiment.Judge(facts).First().Verdict);
    }

    [Fact]
    public void Judge_IdleShorterThanTtl_H3Inconclusive()
    {
        var facts = Facts(idle: 20.0, renewed: 29.99, finalStatus: 200, keyExists: true) with { SecondIdleSeconds = 25 };

        Assert.Equal(Verdict.Inconclusive, SlidingExpiryExperiment.Judge(facts).Last().Verdict);
    }

    [Fact]
    public void Judge_NoSession_AllInconclusive()
    {
        Assert.All(SlidingExpiryExperiment.Judge(SlidingFacts.Empty(Ttl)), v => Assert.Equal(Verdict.Inconclusive, v.Verdict));
    }

    [Fact]
    public void Slack_GrowsWithTheTtl()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(80), SlidingExpiryExperiment.Slack(TimeSpan.FromSeconds(3)));
        Assert.Equal(TimeSpan.FromMilliseconds(350), SlidingExpiryExperiment.Slack(Ttl));
    }

    private static SlidingFacts Facts(double idle, double renewed, int finalStatus, bool keyExists) => new(
        Ttl,
        new TtlReading(0.01, 29.99, 29.99, 29.6, 30),
        10,
        new TtlReading(10.01, idle, 19.99, 19.6, 20.4),
        200,
        new TtlReading(10.03, renewed, 29.99, 29.6, 30),
        35.2,
        finalStatus,
        finalStatus == 401 ? "session not found" : null,
        keyExists,
        [new ChartPoint(1, 29), new ChartPoint(2, 28), new ChartPoint(3, 27)]);
}
