namespace SessionLab.Reporting.Model;

/// <summary>One experiment as run: its steps, raw observations, filled tables, verdicts, anomalies, charts and wall time.</summary>
public sealed record ExperimentResult(
    string Id,
    int Group,
    string Title,
    string Question,
    ExperimentStatus Status,
    string? Failure,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<string> Steps,
    IReadOnlyList<Observation> Observations,
    IReadOnlyList<ResultTable> Tables,
    IReadOnlyList<HypothesisVerdict> Verdicts,
    IReadOnlyList<string> Anomalies,
    IReadOnlyList<ChartSeries> Charts,
    double WallSeconds)
{
    /// <summary>The experiment's typed figures (empty in results written before metrics existed).</summary>
    public IReadOnlyList<Metric> Metrics { get => field ?? []; init; } = [];

    /// <summary>The speed targets the experiment judged (empty in results written before goals were typed).</summary>
    public IReadOnlyList<TargetGoal> Goals { get => field ?? []; init; } = [];
}

/// <summary>Whether the experiment ran; separate from verdicts, so a crash of the lab is never reported as "refuted".</summary>
public enum ExperimentStatus
{
    Completed,
    Failed,
    Skipped,
}
