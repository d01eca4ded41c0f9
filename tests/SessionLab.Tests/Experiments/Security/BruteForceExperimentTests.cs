using SessionLab.Experiments.Security;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.Security;

public sealed class BruteForceExperimentTests
{

    [Fact]
    public void Judge_ThrottledWithinBudgetLatencyWithin2x_ConfirmsAll()
    {
        var verdicts = BruteForceExperiment.Judge(Facts(duringMs: 1.5)).ToList();

        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("1.50×", verdicts[2].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_AGuessAccepted_RefutesH1()
    {
        var facts = Facts(duringMs: 1) with { Statuses = new Dictionary<int, int> { [401] = 150, [429] = 1849, [200] = 1 } };

        Assert.Equal(Verdict.Refuted, BruteForceExperiment.Judge(facts).Single(v => v.Id == "H1").Verdict);
    }

    [Fact]
    public void Judge_GuessesErroring_RefutesH1()
    {
        var facts = Facts(duringMs: 1) with { Statuses = new Dictionary<int, int> { [401] = 150, [429] = 1840, [503] = 10 } };

        var h1 = BruteForceExperiment.Judge(facts).Single(v => v.Id == "H1");

        Assert.Equal(Verdict.Refuted, h1.Verdict);
        Assert.Contains("503: 10", h1.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_No429_RefutesH2()
    {
        var facts = Facts(duringMs: 1) with { Statuses = new Dictionary<int, int> { [401] = 2000 }, StoreMisses = 2000 };

        Assert.Equal(Verdict.Refuted, BruteForceExperiment.Judge(facts).Single(v => v.Id == "H2").Verdict);
    }

    [Fact]
    public void Judge_MoreStoreMissesThanTheBudget_RefutesH2()
    {
        // 3 × (20 + 10 × 5) × 1.1 = 231 lookups allowed in 4 s.
        var facts = Facts(duringMs: 1) with { StoreMisses = 400 };

        var h2 = BruteForceExperiment.Judge(facts).Single(v => v.Id == "H2");

        Assert.Equal(Verdict.Refuted, h2.Verdict);
        Assert.Contains("allow 231 failures", h2.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_StoreDoesNotReportMisses_H2JudgedOn401s()
    {
        var facts = Facts(duringMs: 1) with { StoreMisses = null };

        var h2 = BruteForceExperiment.Judge(facts).Single(v => v.Id == "H2");

        Assert.Equal(Verdict.Confirmed, h2.Verdict);
        Assert.Contains("not reported", h2.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_FewerGuessesThanTheBudget_H2Inconclusive()
    {
        var facts = Facts(duringMs: 1) with { Guesses = 100, Statuses = new Dictionary<int, int> { [401] = 100 }, StoreMisses = 100 };

        Assert.Equal(Verdict.Inconclusive, BruteForceExperiment.Judge(facts).Single(v => v.Id == "H2").Verdict);
    }

    [Fact]
    public void Judge_LatencyMoreThanDoubled_RefutesH3()
    {
        Assert.Equal(Verdict.Refuted, BruteForceExperiment.Judge(Facts(duringMs: 2.5)).Single(v => v.Id == "H3").Verdict);
    }

    [Fact]
    public void Judge_LegitRequestThrottled_RefutesH3()
    {
        var facts = Facts(duringMs: 1) with { During = [(200, 1), (429, 1)] };

        Assert.Equal(Verdict.Refuted, BruteForceExperiment.Judge(facts).Single(v => v.Id == "H3").Verdict);
    }

    [Fact]
    public void Judge_NoConcurrentSamples_H3Inconclusive()
    {
        var facts = Facts(duringMs: 1) with { During = [] };

        Assert.Equal(Verdict.Inconclusive, BruteForceExperiment.Judge(facts).Single(v => v.Id == "H3").Verdict);
    }

    [Fact]
    public void AllowedFailures_CountsARefillPerStartedSecondPerBackend()
    {
        var facts = Facts(duringMs: 1) with { Seconds = 4.0 };

        Assert.Equal(3 * (20 + (10 * 5)) * 1.1, facts.AllowedFailures, 6);
        Assert.Equal("3 × (20 + 10 × 5)", facts.Budget);
    }

    private static BruteForceFacts Facts(double duringMs) => new(
        2000,
        new Dictionary<int, int> { [401] = 200, [429] = 1800 },
        4.0,
        3,
        20,
        10,
        200,
        [.. Enumerable.Repeat((200, 1.0), 200)],
        [.. Enumerable.Repeat((200, duringMs), 50)]);
}
