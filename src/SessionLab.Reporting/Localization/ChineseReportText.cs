using System.Globalization;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Localization;

/// <summary>
/// The report in the plan's language (Simplified Chinese): the template's seven headings verbatim (实验环境 … 实验时长统计),
/// the plan's verdict words and table headings; numbers, ids, scheme and endpoint names stay as measured.
/// </summary>
internal sealed partial class ChineseReportText : ReportText
{
    public static ChineseReportText Instance { get; } = new();

    public override ReportLanguage Language => ReportLanguage.Chinese;

    public override ExperimentTexts Experiments => ChineseExperimentTexts.Instance;

    public override string ListSeparator => "，";

    public override string Or => " 或 ";

    public override string And => " 和 ";

    // The plan's words: 成立 (confirmed), 不成立 (refuted), 无法判定 (inconclusive).
    public override string Verdict(Verdict verdict) => verdict switch
    {
        Model.Verdict.Confirmed => "成立",
        Model.Verdict.Refuted => "不成立",
        _ => "无法判定",
    };

    public override string Status(ExperimentStatus status) => status switch
    {
        ExperimentStatus.Completed => "完成",
        ExperimentStatus.Failed => "失败",
        _ => "跳过",
    };

    public override string GroupName(int group) => group switch
    {
        1 => "实验组一：Session Affinity（粘性会话）",
        2 => "实验组二：Redis Session（集中式存储）",
        3 => "实验组三：JWT Token（无状态认证）",
        4 => "实验组四：综合性能对比",
        5 => "安全性（实验室扩展）",
        6 => "可靠性（实验室扩展）",
        _ => "其他",
    };

    public override string NoReason => "未记录原因";

    public override string NotMeasured => "未测量";

    public override string Yes => "是";

    public override string No => "否";

    public override string Title => "会话管理方案对比实验报告（Session Lab）";

    public override string Subtitle(string runId, string started, bool quick, int experiments) =>
        $"运行 {runId}，开始于 {started}，{(quick ? "快速模式" : "完整模式")}，共 {N(experiments)} 个实验。";

    public override string AtAGlanceHeading => "概览";

    public override string EnvironmentHeading => "1. 实验环境";

    public override string FindingsHeading => "2. 关键发现";

    public override string ProblemsHeading => "3. 遇到的问题与解决";

    public override string PerformanceHeading => "4. 性能数据对比";

    public override string RecommendationsHeading => "5. 方案选择建议";

    public override string SummaryHeading => "6. 实验总结";

    public override string TimeHeading => "7. 实验时长统计";

    public override string GlanceCounts(int experiments, string statuses, int confirmed, int refuted, int inconclusive, bool interrupted) =>
        $"共 {experiments} 个实验：{statuses}。假设：{confirmed} 个成立，{refuted} 个不成立，{inconclusive} 个无法判定。{(interrupted ? "本次运行被中断：这里只包含已完成的实验。" : string.Empty)}";

    public override string StatusCount(int count, ExperimentStatus status) => $"{Status(status)} {count} 个";

    public override string RecommendationPerSituation => "各场景的推荐方案";

    public override IReadOnlyList<string> GlanceRecommendationColumns { get; } = ["场景", "推荐方案", "依赖", "计划的推荐"];

    public override string PlanHasNoRow => "计划中没有这一场景";

    public override string FeatureTableCaption => "功能对比";

    public override string GlanceFeatureCaption => "功能对比（各场景所需的功能）";

    public override string MoreFeatures(int count, string link) => $"另有 {count} 项功能见[完整的功能对比表]({link})。";

    public override string FeatureColumn => "功能";

    public override string KeyFiguresCaption => "关键数据（各轮的中位数，95 % 区间）";

    public override IReadOnlyList<string> KeyFiguresColumns { get; } = ["方案", "P50 延迟 (ms)", "P99 延迟 (ms)", "QPS", "内存占用 (10K用户)"];

    public override string NotCompleted(string link, string title, ExperimentStatus status, string failure) => $"{link} {title} {Status(status)}：{failure}";

    public override string RefutedItem(string link, string hypothesisId, string statement) => $"{link} {hypothesisId} 不成立：{statement}";

    public override string NothingFailed => "没有实验失败，也没有假设不成立；无法判定的结论和异常见第 3 节。";

    public override string AndMore(int count) => $"……另有 {count} 条，见第 3 节。";

    public override IReadOnlyList<string> EnvironmentColumns { get; } = ["项目", "值"];

    public override IReadOnlyList<string> EnvironmentLabels { get; } =
        ["操作系统", "内核", "CPU 数", ".NET 版本", "Session Lab 版本", "负载均衡（实际运行的引擎）", "Session 存储（实际运行的引擎）", "模式", "运行", "开始", "结束"];

    public override string Mode(bool quick) => quick ? "快速（等待时间和 TTL 按比例缩短）" : "完整（计划中的等待时间和 TTL）";

    public override string ExperimentHeading(string id, string title) => $"{id} {title}";

    public override string QuestionLine(string question) => $"核心问题：{question}";

    public override string PlanHypothesesIntro => "实验假设（计划原文）：";

    public override string StatusCompleted(string wallSeconds, int observations) => $"状态：完成，用时 {wallSeconds} s，记录了 {observations} 条观测。";

    public override string StatusFailed(string wallSeconds, string failure) => $"状态：{wallSeconds} s 后失败：{failure}。下面的结论（如有）不完整。";

    public override string StatusSkipped(string? reason) => $"状态：跳过{(reason is { Length: > 0 } ? "：" + reason : string.Empty)}。";

    public override string ParametersCaption => "参数";

    public override IReadOnlyList<string> ParameterColumns { get; } = ["参数", "值"];

    public override string AnomaliesIntro => "实验室注意到的异常：";

    public override string NotRunHeading => "本次未运行";

    public override string NotRunIntro(bool someInterrupted) => someInterrupted
        ? "以下实验本次未运行，报告中没有任何内容来自它们（标为“已中断”的实验被选中，但运行在它们完成前被停止）："
        : "以下实验本次未运行，报告中没有任何内容来自它们：";

    public override string NotRunItem(string id, string title, string group, bool interrupted) => $"{id} {title}（{group}）{(interrupted ? "，已中断" : string.Empty)}";

    public override string ProblemVerdict(string link, string hypothesisId, Verdict verdict, string statement, string evidence) =>
        $"{link} {hypothesisId} {Verdict(verdict)}：{statement} 测量结果：{evidence}";

    public override string ProblemAnomaly(string link, string anomaly) => $"{link} 异常：{anomaly}";

    public override string NoProblems => "本次运行没有失败、异常、不成立或无法判定的假设。";

    public override string ProblemsIntro => "每一个失败、异常和未被证实的假设，以及实验室测到的数据：";

    public override string PerformanceNotRun => "本次未运行：性能实验组（4.1 延迟、4.2 吞吐量、4.3 资源消耗）不在本次运行中，因此没有性能数据。";

    public override string PerformanceSources(string latency, string throughput, string resources, int users) =>
        $"P50 和 P99 来自 {latency}，QPS 和负载下的 CPU（该目标所有进程之和）来自 {throughput}，{users:N0} 用户的内存占用（每个 Session 的字节数 × {users:N0}；带撤销的 JWT 不按 Session 保存状态，取每个已撤销 Token 的字节数 × {users:N0}）来自 {resources}。";

    public override string SourceNotRun(string id) => $"{id}（未运行）";

    public override string MissingLatency => "4.1（延迟：P50、P99）";

    public override string MissingThroughput => "4.2（吞吐量：QPS、CPU、比值）";

    public override string MissingResources => "4.3（资源：内存）";

    public override string MissingColumns(IReadOnlyList<string> missing) =>
        $"本次未运行（或未完成）：{string.Join("，", missing)}；这些列显示“{NotMeasured}”。";

    public override string PerformanceCaption => "性能对比";

    public override IReadOnlyList<string> PerformanceColumns(int users) =>
        ["目标", "P50 延迟 (ms)", "P99 延迟 (ms)", "QPS", users == 10_000 ? "内存占用 (10K用户)" : $"内存占用 ({users:N0} 用户)", "CPU 使用率（负载下，占单核 %）"];

    public override string QpsChartTitle => "各目标的 QPS (4.2)";

    public override string GoalsCaption => "性能目标（本次运行的配对比值，超出其区间才判定）";

    public override IReadOnlyList<string> GoalColumns { get; } = ["目标", "要求", "测得", "达到"];

    public override string GoalOutcome(Model.GoalOutcome outcome, string? reason) => outcome switch
    {
        Model.GoalOutcome.Met => Yes,
        Model.GoalOutcome.Missed => No,
        Model.GoalOutcome.WithinNoise => $"在噪声范围内（{reason}）",
        Model.GoalOutcome.NotJudged => $"未判定：{reason}",
        _ => NotMeasured,
    };

    public override string TargetAxis => "目标";

    public override string MemoryNoState(string perSession) => $"≈ 0（测得每个 Session {perSession} B）";

    public override string MemoryTotal(string total, string perSession, int users) => $"{total}（{perSession} B × {users.ToString("N0", CultureInfo.InvariantCulture)}）";

    public override string MemoryPerRevokedToken(string total, string perToken, int tokens) => $"{total}（每个已撤销 Token {perToken} B × {tokens.ToString("N0", CultureInfo.InvariantCulture)}）";

    public override string CpuSum(string sum, int processes) => $"{sum} %（{processes} 个进程）";

    public override string TotalRow => "总计";

    public override string ExperimentCount(int count) => $"{count} 个实验";

    public override string TimeCaption => "各实验的实际用时";

    public override IReadOnlyList<string> TimeColumns { get; } = ["实验组", "实验", "用时 (s)"];

    public override string WholeRun(string seconds) => $"整个运行（包括启动和停止拓扑）用时 {seconds} s。";

    public override string Contents => "目录";

    public override string VerdictsCaption => "结论验证";

    public override IReadOnlyList<string> VerdictColumns { get; } = ["假设", "结论", "陈述", "证据"];

    public override string ChartCaption(string title) => $"图表：{title}";

    public override string ChartNote(bool bars, int shown, int total) => shown == total
        ? $"HTML 报告中为{(bars ? "柱状图" : "折线图")}；这里列出全部数据点。"
        : $"HTML 报告中为{(bars ? "柱状图" : "折线图")}；这里均匀选取了 {total} 个数据点中的 {shown} 个（results.json 保留全部）。";

    public override string ChartTerm(string recorded) => ChartTerms.Chinese(recorded);

    public override string FaultLabel(string recorded) => ChartTerms.Fault(recorded);

    public override string MoreFaultsLabel => "{0}（另有 {1} 次运行的故障）";

    public override string TableCaption(string recorded) => TableTerms.Caption(recorded);

    public override string TableColumn(string recorded) => TableTerms.Column(recorded);

    public override string TableRowLabel(string firstColumn, string recorded) => TableTerms.RowLabel(firstColumn, recorded);

    public override string ChartTitle(string subject, string yLabel, string xLabel, string experimentId, bool axisNamesSubject) =>
        axisNamesSubject ? $"{yLabel}随{xLabel}的变化 ({experimentId})" : $"{subject}：{yLabel}随{xLabel}的变化 ({experimentId})";

    /// <summary>Debian's fonts-noto-cjk (installed by .ci/run): DejaVu has no CJK glyphs, so a Chinese title would draw as boxes.</summary>
    public override string ChartFont => "Noto Sans CJK SC";

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
