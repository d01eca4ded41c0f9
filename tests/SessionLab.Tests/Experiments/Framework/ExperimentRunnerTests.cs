using SessionLab.Experiments.Framework;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.Framework;

public sealed class ExperimentRunnerTests
{
    private static readonly Hypothesis H1 = new("H1", "one");

    private static readonly Hypothesis H2 = new("H2", "two");

    private static readonly ExperimentInfo Info = new("9.9", 9, "test", "?", [H1, H2]);

    [Fact]
    public void VerdictProblem_OneVerdictPerHypothesis_None() =>
        Assert.Null(ExperimentRunner.VerdictProblem(Info, [H1.Confirmed("x"), H2.Refuted("y")]));

    [Fact]
    public void VerdictProblem_MissingTwiceAndUnknown_AllNamed()
    {
        var problem = ExperimentRunner.VerdictProblem(Info, [H1.Confirmed("x"), H1.Refuted("y"), new("H7", "?", Verdict.Confirmed, "z")]);

        Assert.NotNull(problem);
        Assert.Contains("H1 was judged 2 times", problem, StringComparison.Ordinal);
        Assert.Contains("H2 was not judged", problem, StringComparison.Ordinal);
        Assert.Contains("H7, which is no hypothesis", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Holds_TrueAndFalse_ConfirmedAndRefutedWithTheStatement()
    {
        var h = H2;

        Assert.Equal(new HypothesisVerdict("H2", "two", Verdict.Confirmed, "e"), h.Holds(true, "e"));
        Assert.Equal(Verdict.Refuted, h.Holds(false, "e").Verdict);
        Assert.Equal(Verdict.Inconclusive, h.Inconclusive("e").Verdict);
    }
}
