using SessionLab.Reporting.Analysis;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Reporting;

public sealed class RunComparisonTests
{
    [Fact]
    public void Compare_ChangedVerdict_IsReportedAsChanged()
    {
        var a = SampleRuns.Full();
        var b = a.WithVerdict("2.1", "H1", Verdict.Refuted);

        var comparison = RunComparison.Compare(a, b);

        var change = Assert.Single(comparison.Verdicts, v => v.Changed);
        Assert.Equal(("2.1", "H1", "confirmed", "refuted"), (change.ExperimentId, change.HypothesisId, change.A, change.B));
    }

    [Fact]
    public void Compare_FigureChanged_GivesTheRatioBOverA()
    {
        var a = SampleRuns.Group4();
        var b = a.WithExperiment("4.2", e => e with
        {
            Tables = [.. e.Tables.Select((t, i) => i == 0 ? t with { Rows = [.. t.Rows.Select(r => r[0] == "redis" ? (IReadOnlyList<string>)[.. r.Take(2), "8334", .. r.Skip(3)] : r)] } : t)],
        });

        var qps = RunComparison.Compare(a, b).Figures.Single(f => f.Target == "redis" && f.Figure == "QPS");

        Assert.Equal(4167, qps.A);
        Assert.Equal(8334, qps.B);
        Assert.Equal(2.0, qps.Ratio);
    }

    [Fact]
    public void Compare_ExperimentOnlyInOneRun_ShowsNotRunOnTheOtherSide()
    {
        var comparison = RunComparison.Compare(SampleRuns.Groups1To3(), SampleRuns.Full());

        Assert.Contains(comparison.Verdicts, v => v.ExperimentId == "4.3" && v.HypothesisId == "H1" && v.A == "not run" && v.B == "confirmed");
        var p50 = comparison.Figures.Single(f => f.Target == "sticky" && f.Figure == "P50 (ms)");
        Assert.Null(p50.A);
        Assert.Null(p50.Ratio);
    }
}
