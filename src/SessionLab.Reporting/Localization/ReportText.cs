using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Localization;

/// <summary>
/// Every sentence, heading and label the report writes itself, one member per text, so a language that lacks one does
/// not compile rather than silently printing English. Measured values, ids and endpoint names are arguments and are
/// never translated. The experiments' own texts (titles, questions, hypotheses, evidence) come from
/// <see cref="ExperimentTexts"/>, because they are recorded in results.json in English and only some are translated.
/// </summary>
internal abstract partial class ReportText
{
    public abstract ReportLanguage Language { get; }

    /// <summary>The experiments' titles, questions, hypotheses and evidence in this language (or as recorded).</summary>
    public abstract ExperimentTexts Experiments { get; }

    public static ReportText For(ReportLanguage language) => language == ReportLanguage.Chinese ? ChineseReportText.Instance : EnglishReportText.Instance;

    // Words used everywhere.
    public abstract string ListSeparator { get; }

    public abstract string Or { get; }

    public abstract string And { get; }

    public abstract string Verdict(Verdict verdict);

    public abstract string Status(ExperimentStatus status);

    public abstract string GroupName(int group);

    public abstract string NoReason { get; }

    public abstract string NotMeasured { get; }

    public abstract string Yes { get; }

    public abstract string No { get; }

    // The document and the seven headings of the plan's template (plus the answer-first glance before them).
    public abstract string Title { get; }

    public abstract string Subtitle(string runId, string started, bool quick, int experiments);

    public abstract string AtAGlanceHeading { get; }

    public abstract string EnvironmentHeading { get; }

    public abstract string FindingsHeading { get; }

    public abstract string ProblemsHeading { get; }

    public abstract string PerformanceHeading { get; }

    public abstract string RecommendationsHeading { get; }

    public abstract string SummaryHeading { get; }

    public abstract string TimeHeading { get; }

    // At a glance.
    public abstract string GlanceCounts(int experiments, string statuses, int confirmed, int refuted, int inconclusive, bool interrupted);

    public abstract string StatusCount(int count, ExperimentStatus status);

    public abstract string RecommendationPerSituation { get; }

    public abstract IReadOnlyList<string> GlanceRecommendationColumns { get; }

    public abstract string PlanHasNoRow { get; }

    public abstract string FeatureTableCaption { get; }

    /// <summary>At a glance's feature table: the rows the situations' rules read; the rest are in section 5.</summary>
    public abstract string GlanceFeatureCaption { get; }

    /// <summary>"9 more features (groups 5–6, the lab's own) in section 5's feature table."</summary>
    public abstract string MoreFeatures(int count, string link);

    public abstract string FeatureColumn { get; }

    public abstract string KeyFiguresCaption { get; }

    public abstract IReadOnlyList<string> KeyFiguresColumns { get; }

    public abstract string NotCompleted(string link, string title, ExperimentStatus status, string failure);

    public abstract string RefutedItem(string link, string hypothesisId, string statement);

    public abstract string NothingFailed { get; }

    public abstract string AndMore(int count);

    // 1. Environment.
    public abstract IReadOnlyList<string> EnvironmentColumns { get; }

    /// <summary>Row labels, in the order of <see cref="Document.Sections"/>' environment table.</summary>
    public abstract IReadOnlyList<string> EnvironmentLabels { get; }

    public abstract string Mode(bool quick);

    // 2. Key findings.
    public abstract string ExperimentHeading(string id, string title);

    public abstract string QuestionLine(string question);

    public abstract string PlanHypothesesIntro { get; }

    public abstract string StatusCompleted(string wallSeconds, int observations);

    public abstract string StatusFailed(string wallSeconds, string failure);

    public abstract string StatusSkipped(string? reason);

    public abstract string ParametersCaption { get; }

    public abstract IReadOnlyList<string> ParameterColumns { get; }

    public abstract string AnomaliesIntro { get; }

    public abstract string NotRunHeading { get; }

    public abstract string NotRunIntro(bool someInterrupted);

    public abstract string NotRunItem(string id, string title, string group, bool interrupted);

    // 3. Problems met.
    public abstract string ProblemVerdict(string link, string hypothesisId, Verdict verdict, string statement, string evidence);

    public abstract string ProblemAnomaly(string link, string anomaly);

    public abstract string NoProblems { get; }

    public abstract string ProblemsIntro { get; }

    // 4. Performance.
    public abstract string PerformanceNotRun { get; }

    public abstract string PerformanceSources(string latency, string throughput, string resources, int users);

    public abstract string SourceNotRun(string id);

    public abstract string MissingLatency { get; }

    public abstract string MissingThroughput { get; }

    public abstract string MissingResources { get; }

    public abstract string MissingColumns(IReadOnlyList<string> missing);

    public abstract string PerformanceCaption { get; }

    public abstract IReadOnlyList<string> PerformanceColumns(int users);

    public abstract string QpsChartTitle { get; }

    /// <summary>The caption of 4.2's speed targets as the performance section shows them.</summary>
    public abstract string GoalsCaption { get; }

    public abstract IReadOnlyList<string> GoalColumns { get; }

    /// <summary>A goal's outcome: "yes", "no", "within noise (±12 %)", "not judged: …".</summary>
    public abstract string GoalOutcome(Model.GoalOutcome outcome, string? reason);

    public abstract string TargetAxis { get; }

    public abstract string MemoryNoState(string perSession);

    public abstract string MemoryTotal(string total, string perSession, int users);

    /// <summary>JWT with revocation's memory: what its blacklist keeps per revoked token, sized for as many tokens as the table's users.</summary>
    public abstract string MemoryPerRevokedToken(string total, string perToken, int tokens);

    public abstract string CpuSum(string sum, int processes);

    // 7. Time.
    public abstract string TotalRow { get; }

    public abstract string ExperimentCount(int count);

    public abstract string TimeCaption { get; }

    public abstract IReadOnlyList<string> TimeColumns { get; }

    public abstract string WholeRun(string seconds);

    // Exporters' own labels.
    public abstract string Contents { get; }

    public abstract string VerdictsCaption { get; }

    /// <summary>Columns of a verdicts table: hypothesis, verdict, statement, evidence.</summary>
    public abstract IReadOnlyList<string> VerdictColumns { get; }

    public abstract string ChartCaption(string title);

    public abstract string ChartNote(bool bars, int shown, int total);

    // Charts: their subjects and axes are recorded by the experiments as short English labels.
    public abstract string ChartTerm(string recorded);

    /// <summary>A fault window's label (the fault controller's words: "killed redis/server-1 (pid 5732) with SIGKILL").</summary>
    public abstract string FaultLabel(string recorded);

    /// <summary>A shaded window standing for several runs' faults: <c>{0}</c> the first fault, <c>{1}</c> how many more runs.</summary>
    public abstract string MoreFaultsLabel { get; }

    /// <summary>An experiment's table caption as recorded, in this language where it is known (else as recorded).</summary>
    public abstract string TableCaption(string recorded);

    /// <summary>An experiment's column title as recorded, in this language where it is known (else as recorded).</summary>
    public abstract string TableColumn(string recorded);

    /// <summary>A row's first cell, where the table's first column (<paramref name="firstColumn"/>, as recorded) holds labels the lab writes.</summary>
    public abstract string TableRowLabel(string firstColumn, string recorded);

    /// <summary>A chart's title; <paramref name="axisNamesSubject"/> when the y axis already names it ("TTL (s)").</summary>
    public abstract string ChartTitle(string subject, string yLabel, string xLabel, string experimentId, bool axisNamesSubject);

    /// <summary>The font the charts are drawn and measured in; it must have glyphs for every character of the language.</summary>
    public abstract string ChartFont { get; }
}
