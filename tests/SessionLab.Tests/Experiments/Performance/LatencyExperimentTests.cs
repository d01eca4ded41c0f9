using SessionLab.Experiments.Performance;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.Performance;

public sealed class LatencyExperimentTests
{
    private static readonly SessionLab.Experiments.Framework.ExperimentInfo Info = new LatencyExperiment().Info;

    [Fact]
    public void Judge_PlansOrder_ConfirmsAllAndNamesTheRoundTrip()
    {
        var verdicts = LatencyExperiment.Judge(Info, new LatencyFacts(0.2, 0.3, 0.5, 0.05)).ToList();

        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("0.300 ms", verdicts[2].Evidence, StringComparison.Ordinal); // Redis − sticky
        Assert.Contains("0.050 ms", verdicts[2].Evidence, StringComparison.Ordinal); // PING
    }

    [Fact]
    public void Judge_JwtSlowestOfAll_RefutesH2AndH3()
    {
        var verdicts = LatencyExperiment.Judge(Info, new LatencyFacts(0.2, 0.9, 0.5, 0.05)).ToDictionary(v => v.Id);

        Assert.Equal(Verdict.Confirmed, verdicts["H1"].Verdict);
        Assert.Equal(Verdict.Refuted, verdicts["H2"].Verdict);
        Assert.Equal(Verdict.Refuted, verdicts["H3"].Verdict);
    }

    [Fact]
    public void Judge_SchemeNotMeasured_IsInconclusive() =>
        Assert.All(LatencyExperiment.Judge(Info, new LatencyFacts(0.2, 0, 0.5, null)), v => Assert.Equal(Verdict.Inconclusive, v.Verdict));
}
