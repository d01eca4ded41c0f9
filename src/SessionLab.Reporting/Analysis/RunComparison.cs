using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Analysis;

/// <summary>A hypothesis in two runs: its verdict in each ("not run" when the run lacks it).</summary>
internal sealed record VerdictChange(string ExperimentId, string HypothesisId, string Statement, string A, string B)
{
    public bool Changed => !string.Equals(A, B, StringComparison.Ordinal);
}

/// <summary>One figure of the performance table in two runs, and B / A when both were measured and A is not zero.</summary>
internal sealed record FigureChange(string Target, string Figure, double? A, double? B)
{
    public double? Ratio => A is { } a && B is { } b && a != 0 ? b / a : null;
}

/// <summary>What changed between two runs: every verdict, and every figure of the performance table.</summary>
internal sealed record RunComparison(IReadOnlyList<VerdictChange> Verdicts, IReadOnlyList<FigureChange> Figures)
{
    private const string NotRun = "not run";

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
                verdicts.Add(new VerdictChange(id, hypothesis.Key, hypothesis.First().Statement, Word(ea, hypothesis.Key), Word(eb, hypothesis.Key)));
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
            figures.Add(new FigureChange(target, "P50 (ms)", ra?.P50?.Value, rb?.P50?.Value));
            figures.Add(new FigureChange(target, "P99 (ms)", ra?.P99?.Value, rb?.P99?.Value));
            figures.Add(new FigureChange(target, "QPS", ra?.Qps?.Value, rb?.Qps?.Value));
            figures.Add(new FigureChange(target, $"memory for {PerformanceFigures.Users:N0} users (B)", ra?.Memory10K?.Value, rb?.Memory10K?.Value));
            figures.Add(new FigureChange(target, "CPU under load (%)", ra?.Cpu?.Value, rb?.Cpu?.Value));
        }

        return new RunComparison(verdicts, [.. figures.Where(f => f.A is not null || f.B is not null)]);
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
