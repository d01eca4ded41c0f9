using System.Collections.Frozen;
using SessionLab.Reporting.Analysis;

namespace SessionLab.Reporting.Localization;

/// <summary>The analyses' texts in Chinese: the feature table's rows and the situations in the plan's words.</summary>
internal sealed partial class ChineseReportText
{
    /// <summary>
    /// Each rule's situation, why it needs what it needs, and the plan's reason, keyed by the rule's id (its English
    /// situation). The plan's situations table words the six it has; "mid/large app" and "API service" are the template's.
    /// </summary>
    private static readonly FrozenDictionary<string, (string Situation, string Why, string? PlanReason)> Situations =
        new Dictionary<string, (string, string, string?)>(StringComparer.Ordinal)
        {
            ["small app"] = ("小型应用 (< 3台服务器)", "服务器少，运维预算有限：不需要额外运行任何服务", "简单，性能高"),
            ["mid/large app"] = ("中大型项目", "后端实例多且会增减，用户会主动登出", null),
            ["API service"] = ("API 服务", "无状态的客户端会访问任意实例；吞吐量最重要", null),
            ["e-commerce"] = ("电商平台", "丢失 Session 就是丢失购物车；尾延迟影响销售", "需要强制登出、修改购物车"),
            ["mobile"] = ("移动端 API", "客户端会切换网络（地址改变）并长时间保持登录", "无状态，适合分布式"),
            ["SPA"] = ("单页应用 (SPA)", "浏览器发出大量小的 API 调用，分散到各个后端", "跨域友好"),
            ["microservices"] = ("微服务架构", "每个服务自己验证调用方，不依赖共享存储", "服务间认证"),
            ["high security"] = ("高安全要求系统", "被盗或已登出的 Session 必须立即失效", "需要实时撤销 Session"),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    // The rows of the plan's 功能对比 table.
    public override string FeatureName(Feature feature) => feature switch
    {
        Feature.CrossServerSharing => "跨服务器共享",
        Feature.SurvivesBackendCrash => "服务器宕机恢复",
        Feature.ActiveLogout => "主动登出",
        Feature.HorizontalScaling => "水平扩展",
        Feature.RestartImpact => "服务器重启影响",
        Feature.ExternalDependency => "依赖外部服务",
        // The rows beyond the plan's table, from the lab's groups 5–6.
        Feature.StoreOutage => "存储宕机期间",
        Feature.SurvivesStoreRestart => "存储重启后 Session 仍有效",
        Feature.SurvivesStoreNodeFailure => "存储节点故障后仍可用",
        Feature.LogoutSurvivesStoreRestart => "存储重启后登出仍有效",
        Feature.RevokedRefusedWhileStoreDown => "存储宕机期间仍拒绝已撤销的凭证",
        Feature.GracefulDeploy => "无错误部署",
        Feature.GuessResistance => "拒绝猜测或伪造的 ID",
        Feature.UnaffectedBySlowStore => "不受慢存储影响",
        Feature.LogOutEverywhere => "全部设备登出",
        Feature.AbsoluteLifetime => "绝对有效期",
        _ => "撤销被盗的 Refresh Token",
    };

    public override string CellNotRun(string experimentId) => $"未测量（{experimentId} 未运行）";

    public override string CellNotCompleted(string experimentId, string anchor, string status) => $"未测量（{Anchors.Link(experimentId + " " + status, anchor)}）";

    public override string CellInconclusive(string anchor, string tag) => $"{Anchors.Link("无法判定", anchor)}（{tag}）";

    public override string CellNotAsPredicted(string anchor, string tag) => $"{Anchors.Link("与预测不符", anchor)}（{tag}）";

    public override string CellSource(string tag, bool inferred) => inferred ? $"（由 {tag} 推断）" : $"（{tag}）";

    public override string FeatureTableHeading => "功能对比（本次观测）";

    public override string FeatureTableIntro => "每个单元格都来自本次运行的一个结论，并链接到给出它的实验（括号中为实验和假设）。“推断”表示该单元格来自相关的观测，计划并未正面测试这一功能（例如没有让 redis 后端宕机；服务器端 Session 的登出由“服务器已不再持有的 Session 会被立即拒绝”来说明）。“未测量”表示本次运行缺少对应的实验。";

    public override string RulesHeading => "各场景的推荐";

    public override string RulesIntro => "每个场景都是功能对比表上的一条规则：保留所有单元格都满足要求的方案，再按该方案自己测得的数据排序（带撤销的 JWT 用它自己的数据，而不是无状态 JWT 的）。所选方案的依赖随之列出，计划自己的推荐列在旁边：一致，或不一致并给出测得的原因。这里没有任何内容是每次运行手工填写的。";

    public override string RecommendationsCaption => "适用场景";

    public override IReadOnlyList<string> RecommendationColumns { get; } = ["场景", "需要", "规则", "推荐方案", "理由（测量）", "依赖", "计划的推荐"];

    public override string ChoiceNotRanked(IReadOnlyList<string> candidates) => string.Join(Or, candidates) + "（未排序）";

    public override string ChoiceNotDecided(IReadOnlyList<string> missing) => $"无法决定：需要 {string.Join("、", missing)}";

    public override string ChoiceNone => "测得的方案都不满足";

    public override string ChoiceProvisional(string chosen, IReadOnlyList<string> missing) => $"{chosen}（暂定：需要 {string.Join("、", missing)}）";

    public override string DependencyDetail(Feature feature, string cell) => $"；{FeatureName(feature)}：{cell}";

    public override string MeasuredAlso(IReadOnlyList<string> exclusions) => exclusions.Count == 0 ? string.Empty : "；与其他方案对比测得：" + string.Join("；", exclusions);

    public override string Situation(RecommendationRule rule) => Situations.TryGetValue(rule.Situation, out var zh) ? zh.Situation : rule.Situation;

    public override string Why(RecommendationRule rule) => Situations.TryGetValue(rule.Situation, out var zh) ? zh.Why : rule.Why;

    public override string PlanReason(RecommendationRule rule) =>
        Situations.TryGetValue(rule.Situation, out var zh) && zh.PlanReason is { } reason ? reason : rule.Plan?.Reason ?? string.Empty;

    public override string DescribeRule(IReadOnlyList<Requirement> requirements, RankBy rankBy) =>
        "需要 " + string.Join("，", requirements.Select(r => $"{FeatureName(r.Feature)} = {(r.Wanted ? Yes : No)}")) + " → 其中取" + RankMetric(rankBy);

    public override string RankMetric(RankBy rankBy) => rankBy switch
    {
        RankBy.LowestP50 => "测得 P50 最低者 (4.1)",
        RankBy.LowestP99 => "测得 P99 最低者 (4.1)",
        _ => "测得 QPS 最高者 (4.2)",
    };

    public override string Excluded(string scheme, Feature feature, bool? holds) => $"{scheme}（{FeatureName(feature)}：{(holds is null ? NotMeasured : holds.Value ? Yes : No)}）";

    public override string ExcludedSuffix(IReadOnlyList<string> excluded) => excluded.Count == 0 ? string.Empty : "；排除：" + string.Join("，", excluded);

    public override string LacksEvidence(IReadOnlyList<string> experiments) => $"本次运行缺少证据：需要 {string.Join("、", experiments)}";

    public override string NoneMeets => "测得的方案都不满足全部要求";

    public override string LeadWithinNoise(string best) => $"；{best} 的领先在噪声之内，因此维持计划的选择";

    public override string OwnLeadWithinNoise(IReadOnlyList<string> others) => $"；它对 {string.Join(And, others)} 的领先在噪声之内";

    public override string LeadWithinNoiseFewerCaveats(string best, IReadOnlyList<Feature> caveats) =>
        $"；{best} 的领先在噪声之内，且它不满足{string.Join("、", caveats.Select(FeatureName))}";

    public override string CaveatsBrief(IReadOnlyList<Feature> caveats) => "；不满足：" + string.Join("、", caveats.Select(FeatureName));

    public override string OnlyOne(string figures) => $"唯一满足全部要求的方案{(figures.Length > 0 ? "（" + figures + "）" : string.Empty)}";

    public override string NotMeasuredForAll(IReadOnlyList<string> candidates, string figure) => $"{string.Join(Or, candidates)} 满足全部要求；本次运行没有为它们全部测量 {figure}";

    public override string Qualify(IReadOnlyList<string> candidates, string figure, string figures) => $"{string.Join("、", candidates)} 符合要求；按 {figure} 选出：{figures}";

    public override string PlanNotDecided(IReadOnlyList<string> missing, string planName, string reason) => $"无法决定：本次运行缺少 {string.Join("、", missing)}（计划：{planName}，{reason}）";

    public override string PlanNoChoice(string planName, string reason) => $"不一致：没有选出方案（计划：{planName}，{reason}）";

    public override string PlanAgrees(string planName, string reason) => $"一致（计划：{planName}，{reason}）";

    public override string PlanLacks(string variant, Feature feature, string cell) => $"{variant}：{FeatureName(feature)} {cell}";

    public override string PlanDiffersLacking(string planName, IReadOnlyList<string> reasons) => $"与计划（{planName}）不一致，因为本次 {string.Join("；", reasons)}";

    public override string PlanDiffersBoth(string planName, string chosen, string ours, string qualified, string figure, string beyond) =>
        $"与计划（{planName}）不一致：两者都符合要求，{chosen} 测得 {ours}（{figure}），领先于 {qualified}{beyond}";

    public override string BeyondNoise => "，差异超出噪声";

    public override string WithinNoise(string figure) => $"，差异在噪声之内：仅凭 {figure} 两者皆可";

    public override string NotAvailable => "无";

    public override string SummaryCounts(string coverage, int completed, int failed, int skipped, int hypotheses, int confirmed, int refuted, int inconclusive) =>
        $"本次运行了{coverage}（完成 {completed} 个，失败 {failed} 个，跳过 {skipped} 个）。"
        + $"{hypotheses} 个假设中，{confirmed} 个成立，{refuted} 个不成立，{inconclusive} 个无法判定（后两类见{Anchors.Link("遇到的问题与解决", "problems")}）。";

    public override string Interruption(int ran, int? selected) =>
        $"本次运行在要求的 {selected?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "所选"} 个实验中完成 {ran} 个后被中断（Ctrl+C 或 SIGTERM）；以下只涵盖已完成的实验。";

    public override string FastestSlowest(string link, string fastest, string fastestText, string slowest, string slowestText) =>
        $"按延迟中位数（{link}），{fastest} 是测得最快的方案（{fastestText} ms），{slowest} 最慢（{slowestText} ms）。";

    public override string NoLatency => "本次运行没有测量各方案的延迟 (4.1)，因此不给出速度排序或速度上的权衡。";

    public override string MostFewest(string link, string most, string mostText, string fewest, string fewestText) =>
        $"负载下（{link}），{most} 每秒处理的请求最多（{mostText}），{fewest} 最少（{fewestText}）。";

    public override string TradeoffGain(Feature feature) => feature switch
    {
        Feature.CrossServerSharing => "在后端之间共享 Session",
        Feature.SurvivesBackendCrash => "在后端宕机后保住 Session",
        _ => "避免依赖外部存储",
    };

    public override string NoTradeoff(string fastest) =>
        $"没有测到 {fastest} 需要付出的代价：功能对比表显示它在跨服务器共享、宕机恢复和不依赖存储方面都没有让步（或这些单元格未测量）。";

    public override string Tradeoff(string fastest, IReadOnlyList<string> lost, IReadOnlyList<string> cells, IReadOnlyList<string> others) =>
        others.Count == 0
            ? $"主要的权衡：{fastest} 最快，但不能{string.Join("或", lost)}（{string.Join("，", cells)}）。"
            : $"主要的权衡：{fastest} 最快，但不能{string.Join("或", lost)}（{string.Join("，", cells)}）；{string.Join(And, others)} 可以，代价是上面的延迟。";

    public override string Coverage(int planRan, int planTotal, int beyondRan, int beyondKnown)
    {
        var plan = $"计划 {planTotal} 个实验中的 {planRan} 个";
        return beyondKnown > 0 ? $"{plan}，以及计划之外实验室 {beyondKnown} 个实验中的 {beyondRan} 个" : beyondRan > 0 ? $"{plan}，以及计划之外的 {beyondRan} 个" : plan;
    }
}
