using SessionLab.Experiments.Framework;
using SessionLab.Experiments.Group5;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.Group5;

public sealed class BruteForceExperimentTests
{
    private static readonly ExperimentInfo Info = new BruteForceExperiment().Info;

    [Fact]
    public void Judge_AllRefusedLatencyWithin2x_ConfirmsAll()
    {
        var verdicts = BruteForceExperiment.Judge(Info, Facts(duringMs: 1.5)).ToList();

        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("1.50×", verdicts[1].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_AGuessAccepted_RefutesH1()
    {
        var facts = Facts(duringMs: 1) with { Statuses = new Dictionary<int, int> { [401] = 999, [200] = 1 } };

        Assert.Equal(Verdict.Refuted, BruteForceExperiment.Judge(Info, facts).Single(v => v.Id == "H1").Verdict);
    }

    [Fact]
    public void Judge_GuessesErroring_RefutesH1()
    {
        var facts = Facts(duringMs: 1) with { Statuses = new Dictionary<int, int> { [401] = 990, [503] = 10 } };

        var h1 = BruteForceExperiment.Judge(Info, facts).Single(v => v.Id == "H1");

        Assert.Equal(Verdict.Refuted, h1.Verdict);
        Assert.Contains("503: 10", h1.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_LatencyMoreThanDoubled_RefutesH2()
    {
        Assert.Equal(Verdict.Refuted, BruteForceExperiment.Judge(Info, Facts(duringMs: 2.5)).Single(v => v.Id == "H2").Verdict);
    }

    [Fact]
    public void Judge_LegitRequestFailed_RefutesH2()
    {
        var facts = Facts(duringMs: 1) with { During = [(200, 1), (0, 10_000)] };

        Assert.Equal(Verdict.Refuted, BruteForceExperiment.Judge(Info, facts).Single(v => v.Id == "H2").Verdict);
    }

    [Fact]
    public void Judge_NoConcurrentSamples_H2Inconclusive()
    {
        var facts = Facts(duringMs: 1) with { During = [] };

        Assert.Equal(Verdict.Inconclusive, BruteForceExperiment.Judge(Info, facts).Single(v => v.Id == "H2").Verdict);
    }

    private static BruteForceFacts Facts(double duringMs) => new(
        1000,
        new Dictionary<int, int> { [401] = 1000 },
        [.. Enumerable.Repeat((200, 1.0), 200)],
        [.. Enumerable.Repeat((200, duringMs), 50)],
        0.5);
}
