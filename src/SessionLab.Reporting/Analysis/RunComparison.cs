using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Analysis;

/// <summary>
/// A hypothesis in two runs: its verdict in each ("not run" when the run lacks it). <paramref name="Restated"/>: both
/// runs have the experiment but not this hypothesis in the same words (a newer lab renumbered or rewrote it), so its
/// verdicts answer different questions and are no change of finding.
/// </summary>
internal sealed record VerdictChange(string ExperimentId, string HypothesisId, string Statement, string A, string B, bool Restated = false)
{
    /// <summary>Whether one run lacks the experiment: a difference in what was run, not a change of finding.</summary>
    public bool OnlyInOne => A == RunComparison.NotRun ^ B == RunComparison.NotRun;

    /// <summary>Whether both runs judged the same hypothesis and came to different answers.</summary>
    public bool Changed => !OnlyInOne && !Restated && !string.Equals(A, B, StringComparison.Ordinal);
}

/// <summary>
/// One figure of the performance table in two runs, B / A when both were measured and A is not zero, and whether the
/// change is beyond both runs' intervals (null when either run measured it without one).
/// </summary>
internal sealed record FigureChange(string Target, string Figure, double? A, double? B, bool? BeyondNoise = null)
{
    public double? Ratio => A is { } a && B is { } b && a != 0 ? b / a : null;

    public static FigureChange Of(string target, string figure, Figure? a, Figure? b) =>
        new(target, figure, a?.Value, b?.Value, a is not null && b is not null ? a.DiffersBeyondNoise(b) : null);
}

/// <summary>
/// What changed between two runs: every verdict, every figure of the performance table, and warnings when the runs
/// differ in how they were made (quick or full, engines), which alone can explain a difference.
/// </summary>
internal sealed record RunComparison(IReadOnlyList<VerdictChange> Verdicts, IReadOnlyList<FigureChange> Figures, IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// The typed figures of the experiments outside group 4 (faults, security, the office behind one NAT), keyed
    /// "6.1 redis" / "failed_requests (requests)": most are measured once, so a change has no interval to judge it by.
    /// </summary>
    public IReadOnlyList<FigureChange> Measurements { get; init; } = [];

    /// <summary>Measurements both runs made whose value differs.</summary>
    public IReadOnlyList<FigureChange> ChangedMeasurements => [.. Measurements.Where(f => f.A is { } a && f.B is { } b && a != b)];

    internal const string NotRun = "not run";

    public int Same => Verdicts.Count(v => !v.OnlyInOne && !v.Restated && !v.Changed);

    /// <summary>Hypotheses whose words differ between the runs (see <see cref="VerdictChange.Restated"/>).</summary>
    public int RestatedCount => Verdicts.Count(v => v.Restated);

    public int ChangedCount => Verdicts.Count(v => v.Changed);

    /// <summary>Experiments (not hypotheses) only run A has, and only run B has.</summary>
    public IReadOnlyList<string> OnlyInA => [.. Verdicts.Where(v => v.OnlyInOne && v.B == NotRun).Select(v => v.ExperimentId).Distinct()];

    public IReadOnlyList<string> OnlyInB => [.. Verdicts.Where(v => v.OnlyInOne && v.A == NotRun).Select(v => v.ExperimentId).Distinct()];

    /// <summary>Figures both runs measured (the ones a ratio compares).</summary>
    public IReadOnlyList<FigureChange> InBoth => [.. Figures.Where(f => f.A is not null && f.B is not null)];

    /// <summary>
    /// Figures both runs measured whose change is beyond noise, or that have no interval to tell (then nobody can say
    /// it is noise): the ones worth a reader's look, which <c>compare</c> lists by default.
    /// </summary>
    public IReadOnlyList<FigureChange> NotWithinNoise => [.. InBoth.Where(f => f.BeyondNoise is not false)];

    public int BeyondNoiseCount => InBoth.Count(f => f.BeyondNoise is true);

    public int WithinNoiseCount => InBoth.Count(f => f.BeyondNoise is false);

    /// <summary>Figures both runs measured without an interval in at least one of them (e.g. a run of one round).</summary>
    public int NoIntervalCount => InBoth.Count(f => f.BeyondNoise is null);

    public static RunComparison Compare(RunResult a, RunResult b)
    {
        var verdicts = new List<VerdictChange>();
        var ids = a.Experiments.Select(e => e.Id).Concat(b.Experiments.Select(e => e.Id)).Distinct().Order(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var ea = a.Experiments.FirstOrDefault(e => e.Id == id);
            var eb = b.Experiments.FirstOrDefault(e => e.Id == id);
            var hypotheses = (ea?.Verdicts ?? []).Concat(eb?.Verdicts ?? []).GroupBy(v => v.Id).OrderBy(g => g.Key, StringComparer.Ordinal);
            foreach (var hypothesis in hypotheses)
            {
                var inA = ea?.Verdicts.FirstOrDefault(v => v.Id == hypothesis.Key)?.Statement;
                var inB = eb?.Verdicts.FirstOrDefault(v => v.Id == hypothesis.Key)?.Statement;
                var restated = ea is not null && eb is not null && !string.Equals(inA, inB, StringComparison.Ordinal);
                verdicts.Add(new VerdictChange(id, hypothesis.Key, inB ?? inA ?? hypothesis.First().Statement, Word(ea, hypothesis.Key), Word(eb, hypothesis.Key), restated));
            }

            if (!hypotheses.Any())
            {
                verdicts.Add(new VerdictChange(id, "-", ea?.Title ?? eb?.Title ?? id, Status(ea), Status(eb)));
            }
        }

        var pa = PerformanceFigures.From(a);
        var pb = PerformanceFigures.From(b);
        var figures = new List<FigureChange>();
        var targets = pa.Rows.Select(r => r.Target).Concat(pb.Rows.Select(r => r.Target)).Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var target in targets)
        {
            var ra = pa.Row(target);
            var rb = pb.Row(target);
            figures.Add(FigureChange.Of(target, "P50 (ms)", ra?.P50, rb?.P50));
            figures.Add(FigureChange.Of(target, "P99 (ms)", ra?.P99, rb?.P99));
            figures.Add(FigureChange.Of(target, "QPS", ra?.Qps, rb?.Qps));
            figures.Add(FigureChange.Of(target, $"memory for {PerformanceFigures.Users:N0} users (B)", ra?.Memory10K, rb?.Memory10K));
            figures.Add(FigureChange.Of(target, "CPU under load (%)", ra?.Cpu, rb?.Cpu));
        }

        return new RunComparison(verdicts, [.. figures.Where(f => f.A is not null || f.B is not null)], Warn(a, b)) { Measurements = MeasurementsOf(a, b) };
    }

    /// <summary>Every typed metric outside group 4 (whose figures the performance table compares), in either run.</summary>
    private static List<FigureChange> MeasurementsOf(RunResult a, RunResult b)
    {
        static IEnumerable<(string Id, Metric Metric)> Of(RunResult run) =>
            run.Experiments.Where(e => e.Group != 4).SelectMany(e => e.Metrics.Select(m => (e.Id, m)));

        // A key should be unique within an experiment; a file that repeats one still compares (its first value).
        var inA = Of(a).DistinctBy(x => (x.Id, x.Metric.Key)).ToDictionary(x => (x.Id, x.Metric.Key));
        var inB = Of(b).DistinctBy(x => (x.Id, x.Metric.Key)).ToDictionary(x => (x.Id, x.Metric.Key));
        return [.. inA.Keys.Concat(inB.Keys).Distinct().OrderBy(k => k.Id, StringComparer.Ordinal).Select(key =>
        {
            var ma = inA.TryGetValue(key, out var x) ? x.Metric : null;
            var mb = inB.TryGetValue(key, out var y) ? y.Metric : null;
            var any = (ma ?? mb)!;
            return new FigureChange($"{key.Id} {any.Target}", $"{any.Name} ({any.Unit})", ma?.Value, mb?.Value, ma is not null && mb is not null ? ma.DiffersBeyondNoise(mb) : null);
        })];
    }

    private static List<string> Warn(RunResult a, RunResult b)
    {
        static string Mode(RunResult run) => run.Quick ? "quick" : "full";
        var warnings = new List<string>();
        if (a.Quick != b.Quick)
        {
            warnings.Add($"A is a {Mode(a)} run and B a {Mode(b)} one: waits, TTLs and loads differ, so verdicts and figures may differ for that reason alone.");
        }

        if (!string.Equals(a.Environment.LoadBalancer, b.Environment.LoadBalancer, StringComparison.Ordinal))
        {
            warnings.Add($"The load balancers differ: {a.Environment.LoadBalancer} in A, {b.Environment.LoadBalancer} in B.");
        }

        if (!string.Equals(a.Environment.Store, b.Environment.Store, StringComparison.Ordinal))
        {
            warnings.Add($"The stores differ: {a.Environment.Store} in A, {b.Environment.Store} in B.");
        }

        if (a.Interrupted || b.Interrupted)
        {
            warnings.Add($"{(a.Interrupted && b.Interrupted ? "Both runs were" : a.Interrupted ? "Run A was" : "Run B was")} interrupted: only the experiments that completed are compared.");
        }

        return warnings;
    }

    private static string Word(ExperimentResult? experiment, string hypothesisId)
    {
        if (experiment is null)
        {
            return NotRun;
        }

        var verdict = experiment.Verdicts.FirstOrDefault(v => v.Id == hypothesisId);
        return verdict is null ? Status(experiment) : verdict.Verdict.ToString().ToLowerInvariant();
    }

    private static string Status(ExperimentResult? experiment) =>
        experiment is null ? NotRun : experiment.Status == ExperimentStatus.Completed ? "no verdict" : experiment.Status.ToString().ToLowerInvariant();
}
