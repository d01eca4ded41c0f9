using SessionLab.Commands;
using SessionLab.Reporting.Analysis;

namespace SessionLab.Tests.Commands;

public sealed class CompareCommandTests
{
    [Fact]
    public void LeadLine_CountsTheFiguresBeyondAndWithinNoise()
    {
        var comparison = new RunComparison(
            [new VerdictChange("2.1", "H1", "s", "confirmed", "refuted")],
            [new FigureChange("redis", "QPS", 4000, 8000, BeyondNoise: true), new FigureChange("redis", "P50 (ms)", 1.0, 1.02, BeyondNoise: false), new FigureChange("jwt", "P50 (ms)", 1.0, 1.01, BeyondNoise: false)],
            []);

        Assert.Equal(
            "Verdicts: 1 changed, 0 the same; experiments only in A: 0, only in B: 0. Figures measured in both: 3, 1 beyond noise, 2 within noise.",
            CompareCommand.LeadLine(comparison));
    }

    [Fact]
    public void LeadLine_NamesFiguresWithoutAnInterval_AndSaysNothingOfNoiseWhenNoFigureIsInBoth()
    {
        var noInterval = new RunComparison([], [new FigureChange("jwt", "QPS", 5000, 5100)], []);
        var none = new RunComparison([], [new FigureChange("jwt", "QPS", null, 5100)], []);

        Assert.EndsWith("Figures measured in both: 1, 0 beyond noise, 0 within noise, 1 without an interval.", CompareCommand.LeadLine(noInterval), StringComparison.Ordinal);
        Assert.EndsWith("Figures measured in both: 0.", CompareCommand.LeadLine(none), StringComparison.Ordinal);
    }
}
