using System.Globalization;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Localization;

/// <summary>The report in English, the lab's default: the texts the report has always written.</summary>
internal sealed partial class EnglishReportText : ReportText
{
    public static EnglishReportText Instance { get; } = new();

    public override ReportLanguage Language => ReportLanguage.English;

    public override ExperimentTexts Experiments => RecordedExperimentTexts.Instance;

    public override string ListSeparator => ", ";

    public override string Or => " or ";

    public override string And => " and ";

    public override string Verdict(Verdict verdict) => verdict.ToString().ToLowerInvariant();

    public override string Status(ExperimentStatus status) => status.ToString().ToLowerInvariant();

    public override string GroupName(int group) => group switch
    {
        1 => "Sticky session",
        2 => "Redis session",
        3 => "JWT",
        4 => "Performance",
        5 => "Security",
        6 => "Reliability",
        _ => "Other",
    };

    public override string NoReason => "no reason recorded";

    public override string NotMeasured => "not measured";

    public override string Yes => "yes";

    public override string No => "no";

    public override string Title => "Session Lab report";

    public override string Subtitle(string runId, string started, bool quick, int experiments) =>
        $"Run {runId}, started {started}, {(quick ? "quick run" : "full run")}, {N(experiments)} experiment(s).";

    public override string AtAGlanceHeading => "At a glance";

    public override string EnvironmentHeading => "1. Environment";

    public override string FindingsHeading => "2. Key findings";

    public override string ProblemsHeading => "3. Problems met";

    public override string PerformanceHeading => "4. Performance";

    public override string RecommendationsHeading => "5. Recommendations";

    public override string SummaryHeading => "6. Summary";

    public override string TimeHeading => "7. Time per group";

    public override string GlanceCounts(int experiments, string statuses, int confirmed, int refuted, int inconclusive, bool interrupted) =>
        $"{experiments} experiment(s): {statuses}. Hypotheses: {confirmed} confirmed, {refuted} refuted, {inconclusive} inconclusive.{(interrupted ? " The run was interrupted: only the experiments that completed are here." : string.Empty)}";

    public override string StatusCount(int count, ExperimentStatus status) => $"{count} {Status(status)}";

    public override string RecommendationPerSituation => "Recommendation per situation";

    public override IReadOnlyList<string> GlanceRecommendationColumns { get; } = ["situation", "recommendation", "depends on", "the plan"];

    public override string PlanHasNoRow => "the plan has no row for this situation";

    public override string FeatureTableCaption => "Feature table";

    public override string GlanceFeatureCaption => "Feature table (the features the situations need)";

    public override string MoreFeatures(int count, string link) => $"{count} more features in [the whole feature table]({link}).";

    public override string FeatureColumn => "feature";

    public override string KeyFiguresCaption => "Key figures (median of rounds, 95 % interval)";

    public override IReadOnlyList<string> KeyFiguresColumns { get; } = ["variant", "P50 (ms)", "P99 (ms)", "QPS", "memory for 10,000 users"];

    public override string NotCompleted(string link, string title, ExperimentStatus status, string failure) => $"{link} {title} {Status(status)}: {failure}";

    public override string RefutedItem(string link, string hypothesisId, string statement) => $"{link} {hypothesisId} refuted: {statement}";

    public override string NothingFailed => "No experiment failed and no hypothesis was refuted; inconclusive verdicts and anomalies are in section 3.";

    public override string AndMore(int count) => $"… and {count} more in section 3.";

    public override IReadOnlyList<string> EnvironmentColumns { get; } = ["property", "value"];

    public override IReadOnlyList<string> EnvironmentLabels { get; } =
        ["operating system", "kernel", "CPUs", ".NET", "Session Lab", "load balancer (engine that ran)", "session store (engine that ran)", "mode", "run", "started", "finished"];

    public override string Mode(bool quick) => quick ? "quick (waits and TTLs scaled down)" : "full (the plan's waits and TTLs)";

    public override string ExperimentHeading(string id, string title) => $"{id} {title}";

    public override string QuestionLine(string question) => $"Question: {question}";

    public override string PlanHypothesesIntro => "The plan's hypotheses:";

    public override string StatusCompleted(string wallSeconds, int observations) => $"Status: completed in {wallSeconds} s, {observations} observations recorded.";

    public override string StatusFailed(string wallSeconds, string failure) => $"Status: failed after {wallSeconds} s: {failure}. Its verdicts below (if any) are partial.";

    public override string StatusSkipped(string? reason) => $"Status: skipped{(reason is { Length: > 0 } ? ": " + reason : string.Empty)}.";

    public override string ParametersCaption => "Parameters";

    public override IReadOnlyList<string> ParameterColumns { get; } = ["parameter", "value"];

    public override string AnomaliesIntro => "Anomalies the lab noticed:";

    public override string NotRunHeading => "Not run in this run";

    public override string NotRunIntro(bool someInterrupted) => someInterrupted
        ? "These experiments were not run, so nothing in this report is derived from them (those marked \"interrupted\" were chosen, but the run was stopped before they completed):"
        : "These experiments were not run, so nothing in this report is derived from them:";

    public override string NotRunItem(string id, string title, string group, bool interrupted) => $"{id} {title} ({group}){(interrupted ? ", interrupted" : string.Empty)}";

    public override string ProblemVerdict(string link, string hypothesisId, Verdict verdict, string statement, string evidence) =>
        $"{link} {hypothesisId} {Verdict(verdict)}: {statement} Measured: {evidence}";

    public override string ProblemAnomaly(string link, string anomaly) => $"{link} anomaly: {anomaly}";

    public override string NoProblems => "No failure, anomaly, refuted or inconclusive hypothesis in this run.";

    public override string ProblemsIntro => "Every failure, anomaly, and hypothesis that was not confirmed, with what the lab measured:";

    public override string PerformanceNotRun => "Not run in this run: the performance group (4.1 latency, 4.2 throughput, 4.3 resources) was not part of this run, so no figure is reported.";

    public override string PerformanceSources(string latency, string throughput, string resources, int users) =>
        $"P50 and P99 from {latency}, QPS and CPU under load (sum over the target's processes) from {throughput}, memory for {users:N0} users (bytes per session × {users:N0}; for JWT with revocation, which keeps nothing per session, bytes per revoked token × {users:N0}) from {resources}.";

    public override string SourceNotRun(string id) => $"{id} (not run)";

    public override string MissingLatency => "4.1 (latency: P50, P99)";

    public override string MissingThroughput => "4.2 (throughput: QPS, CPU, ratios)";

    public override string MissingResources => "4.3 (resources: memory)";

    public override string MissingColumns(IReadOnlyList<string> missing) =>
        $"Not run in this run (or not completed): {string.Join(", ", missing)}; those columns read \"{NotMeasured}\".";

    public override string PerformanceCaption => "Performance per target";

    public override IReadOnlyList<string> PerformanceColumns(int users) =>
        ["target", "P50 (ms)", "P99 (ms)", "QPS", $"memory for {users:N0} users", "CPU under load (% of one core)"];

    public override string QpsChartTitle => "QPS per target (4.2)";

    public override string GoalsCaption => "Targets (paired ratios of this run, judged beyond their interval)";

    public override IReadOnlyList<string> GoalColumns { get; } = ["target", "goal", "measured", "met"];

    public override string GoalOutcome(Model.GoalOutcome outcome, string? reason) => outcome switch
    {
        Model.GoalOutcome.Met => Yes,
        Model.GoalOutcome.Missed => No,
        Model.GoalOutcome.WithinNoise => $"within noise ({reason})",
        Model.GoalOutcome.NotJudged => $"not judged: {reason}",
        _ => NotMeasured,
    };

    public override string TargetAxis => "target";

    public override string MemoryNoState(string perSession) => $"≈ 0 ({perSession} B/session measured)";

    public override string MemoryTotal(string total, string perSession, int users) => $"{total} ({perSession} B × {users.ToString("N0", CultureInfo.InvariantCulture)})";

    public override string MemoryPerRevokedToken(string total, string perToken, int tokens) => $"{total} ({perToken} B per revoked token × {tokens.ToString("N0", CultureInfo.InvariantCulture)})";

    public override string CpuSum(string sum, int processes) => $"{sum} % ({processes} process{(processes == 1 ? string.Empty : "es")})";

    public override string TotalRow => "total";

    public override string ExperimentCount(int count) => $"{count} experiment(s)";

    public override string TimeCaption => "Wall time of the experiments";

    public override IReadOnlyList<string> TimeColumns { get; } = ["group", "experiments", "wall time (s)"];

    public override string WholeRun(string seconds) => $"The whole run, including starting and stopping the topology, took {seconds} s.";

    public override string Contents => "Contents";

    public override string VerdictsCaption => "Verdicts";

    public override IReadOnlyList<string> VerdictColumns { get; } = ["hypothesis", "verdict", "statement", "evidence"];

    public override string ChartCaption(string title) => $"Chart: {title}";

    public override string ChartNote(bool bars, int shown, int total) => shown == total
        ? $"A {(bars ? "bar chart" : "line chart")} in the HTML report; every point is shown here."
        : $"A {(bars ? "bar chart" : "line chart")} in the HTML report; {shown} of {total} points shown here, evenly spaced (results.json keeps all).";

    public override string ChartTerm(string recorded) => recorded;

    public override string FaultLabel(string recorded) => recorded;

    public override string MoreFaultsLabel => Charts.FaultWindowShading.MoreRunsEnglish;

    public override string TableCaption(string recorded) => recorded;

    public override string TableColumn(string recorded) => recorded;

    public override string TableRowLabel(string firstColumn, string recorded) => recorded;

    public override string ChartTitle(string subject, string yLabel, string xLabel, string experimentId, bool axisNamesSubject) =>
        axisNamesSubject ? $"{CapitalizeFirst(yLabel)} by {xLabel} ({experimentId})" : $"{Capitalize(subject)}: {yLabel} by {xLabel} ({experimentId})";

    /// <summary>Installed by .ci/run (fonts-dejavu-core); ScottPlot's own "sans" lookup falls back to DejaVu Serif on Debian.</summary>
    public override string ChartFont => "DejaVu Sans";

    // Short names are abbreviations ("ttl"), longer ones words ("latency").
    private static string Capitalize(string text) =>
        text.Length <= 3 ? text.ToUpperInvariant() : char.ToUpperInvariant(text[0]) + text[1..];

    // An axis label leading a title is a sentence start, its abbreviations kept ("TTL (s)", "median latency (ms)" → "Median…").
    private static string CapitalizeFirst(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
