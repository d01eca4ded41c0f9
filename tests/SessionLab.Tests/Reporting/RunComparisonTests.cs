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
    public void Compare_HypothesisRewordedOrAdded_IsRestatedNotChanged()
    {
        // A newer lab judges another claim under 4.2 H2 and adds H4: their verdicts answer different questions.
        var a = SampleRuns.Full();
        var b = a.WithExperiment("4.2", e => e with
        {
            Verdicts = [.. e.Verdicts.Select(v => v.Id == "H2" ? v with { Statement = "Redis sessions are limited by Redis.", Verdict = Verdict.Refuted } : v), new HypothesisVerdict("H4", "JWT comes second.", Verdict.Confirmed, "e")],
        });

        var comparison = RunComparison.Compare(a, b);

        Assert.Equal(0, comparison.ChangedCount);
        Assert.Equal(2, comparison.RestatedCount);
        Assert.Equal("Redis sessions are limited by Redis.", comparison.Verdicts.Single(v => v.ExperimentId == "4.2" && v.HypothesisId == "H2").Statement);
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
    public void Compare_TypedFiguresOutsideGroup4_AreListedByExperimentAndTarget_ChangedOnesApart()
    {
        var a = SampleRuns.Lab().WithExperiment("6.1", e => e with { Metrics = [new Metric("redis", "sessions_kept", "sessions", 20), new Metric("sticky", "failed_requests", "requests", 0)] });
        var b = a.WithExperiment("6.1", e => e with { Metrics = [new Metric("redis", "sessions_kept", "sessions", 17), new Metric("sticky", "failed_requests", "requests", 0)] });

        var comparison = RunComparison.Compare(a, b);

        Assert.Equal(2, comparison.Measurements.Count);
        var kept = Assert.Single(comparison.ChangedMeasurements);
        Assert.Equal(("6.1 redis", "sessions_kept (sessions)", 20d, 17d), (kept.Target, kept.Figure, kept.A, kept.B));
        Assert.Null(kept.BeyondNoise);
        // Group 4's metrics are compared by the performance table, not again here.
        Assert.DoesNotContain(comparison.Measurements, m => m.Target.StartsWith("4.", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_AFileRepeatingAMetricKey_StillCompares()
    {
        var a = SampleRuns.Lab().WithExperiment("6.1", e => e with { Metrics = [new Metric("redis", "sessions_kept", "sessions", 20), new Metric("redis", "sessions_kept", "sessions", 19)] });

        Assert.Equal(20, Assert.Single(RunComparison.Compare(a, a).Measurements).A);
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

    [Fact]
    public void Compare_QuickAgainstFull_NotRunIsNoChange_AndTheModesAreWarnedAbout()
    {
        var quick = SampleRuns.Groups1To3();
        var full = SampleRuns.Full();

        var comparison = RunComparison.Compare(quick, full);

        var notRun = comparison.Verdicts.Single(v => v.ExperimentId == "4.3" && v.HypothesisId == "H1");
        Assert.True(notRun.OnlyInOne);
        Assert.False(notRun.Changed);
        Assert.Contains("4.3", comparison.OnlyInB);
        Assert.Empty(comparison.OnlyInA);
        Assert.Equal(comparison.Verdicts.Count(v => v.Changed), comparison.ChangedCount);
        Assert.Equal(quick.Quick != full.Quick, comparison.Warnings.Any(w => w.Contains("quick run and B a full one", StringComparison.Ordinal)));
    }

    [Fact]
    public void Compare_DifferentEngines_AreWarnedAbout()
    {
        var a = SampleRuns.Groups1To3();
        var b = a with { Environment = a.Environment with { LoadBalancer = a.Environment.LoadBalancer + " (another)", Store = "redis-server 7.0.15 (another)" } };

        var comparison = RunComparison.Compare(a, b);

        Assert.Contains(comparison.Warnings, w => w.StartsWith("The load balancers differ", StringComparison.Ordinal));
        Assert.Contains(comparison.Warnings, w => w.StartsWith("The stores differ", StringComparison.Ordinal));
        Assert.Equal(0, comparison.ChangedCount);
    }

    [Fact]
    public void NotWithinNoise_KeepsBeyondNoiseAndNoInterval_DropsWithinNoiseAndOneRunOnly()
    {
        var comparison = new RunComparison(
            [],
            [
                new FigureChange("redis", "QPS", 4000, 8000, BeyondNoise: true),
                new FigureChange("redis", "P50 (ms)", 1.0, 1.02, BeyondNoise: false),
                new FigureChange("jwt", "QPS", 5000, 5100, BeyondNoise: null),
                new FigureChange("sticky", "QPS", null, 3000),
            ],
            []);

        Assert.Equal([("redis", "QPS"), ("jwt", "QPS")], comparison.NotWithinNoise.Select(f => (f.Target, f.Figure)));
        Assert.Equal((1, 1, 1), (comparison.BeyondNoiseCount, comparison.WithinNoiseCount, comparison.NoIntervalCount));
        Assert.Equal(3, comparison.InBoth.Count);
    }
}
