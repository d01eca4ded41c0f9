using SessionLab.Reporting.Analysis;

namespace SessionLab.Reporting.Localization;

/// <summary>The analyses' texts in English.</summary>
internal sealed partial class EnglishReportText
{
    public override string FeatureName(Feature feature) => feature switch
    {
        Feature.CrossServerSharing => "cross-server sharing",
        Feature.SurvivesBackendCrash => "survives backend crash",
        Feature.ActiveLogout => "active logout",
        Feature.HorizontalScaling => "horizontal scaling",
        Feature.RestartImpact => "backend restart impact",
        Feature.ExternalDependency => "external dependency",
        Feature.StoreOutage => "while the store is down",
        Feature.SurvivesStoreRestart => "sessions survive a store restart",
        Feature.SurvivesStoreNodeFailure => "survives a store node failure",
        Feature.LogoutSurvivesStoreRestart => "logout survives a store restart",
        Feature.RevokedRefusedWhileStoreDown => "revoked credentials refused while the store is down",
        Feature.GracefulDeploy => "deploy without errors",
        Feature.GuessResistance => "guessed or forged ids refused",
        Feature.UnaffectedBySlowStore => "unaffected by a slow store",
        Feature.LogOutEverywhere => "log out everywhere",
        Feature.AbsoluteLifetime => "absolute lifetime",
        _ => "revocation of a stolen refresh token",
    };

    public override string CellNotRun(string experimentId) => $"not measured ({experimentId} not run)";

    public override string CellNotCompleted(string experimentId, string anchor, string status) => $"not measured ({Anchors.Link(experimentId + " " + status, anchor)})";

    public override string CellInconclusive(string anchor, string tag) => $"{Anchors.Link("inconclusive", anchor)} ({tag})";

    public override string CellNotAsPredicted(string anchor, string tag) => $"{Anchors.Link("not as predicted", anchor)} ({tag})";

    public override string CellSource(string tag, bool inferred) => inferred ? $" (inferred from {tag})" : $" ({tag})";

    public override string FeatureTableHeading => "Feature table (as observed)";

    public override string FeatureTableIntro => "Each cell is read from a verdict of this run and links to the experiment that showed it (experiment and hypothesis in brackets). \"Inferred\" marks a cell read from a related observation, where the plan does not test the feature head-on (e.g. no redis backend is crashed; logout of a server-side session is shown by a session the server no longer holds being refused at once). \"Not measured\" means the run lacks that experiment.";

    public override string RulesHeading => "Recommendations per situation";

    public override string RulesIntro => "Each situation is a rule over the feature table: keep the variants whose cells meet every requirement, then rank them by a measured figure of that very variant (JWT with revocation by its own figures, not stateless JWT's). The chosen variant's dependencies come with it, and the plan's own recommendation stands beside it: agrees, or differs with the measured reason. Nothing here is written by hand per run.";

    public override string RecommendationsCaption => "Recommendations";

    public override IReadOnlyList<string> RecommendationColumns { get; } = ["situation", "needs", "rule", "recommendation", "why (measured)", "depends on", "the plan"];

    public override string ChoiceNotRanked(IReadOnlyList<string> candidates) => string.Join(Or, candidates) + " (not ranked)";

    public override string ChoiceNotDecided(IReadOnlyList<string> missing) => $"not decided: needs {string.Join(And, missing)}";

    public override string ChoiceNone => "none of the measured variants";

    public override string ChoiceProvisional(string chosen, IReadOnlyList<string> missing) => $"{chosen} (provisional: needs {string.Join(And, missing)})";

    public override string DependencyDetail(Feature feature, string cell) => $"; {FeatureName(feature)}: {cell}";

    public override string MeasuredAlso(IReadOnlyList<string> exclusions) => exclusions.Count == 0 ? string.Empty : "; measured against the others: " + string.Join("; ", exclusions);

    public override string Situation(RecommendationRule rule) => rule.Situation;

    public override string Why(RecommendationRule rule) => rule.Why;

    public override string PlanReason(RecommendationRule rule) => rule.Plan?.Reason ?? string.Empty;

    public override string DescribeRule(IReadOnlyList<Requirement> requirements, RankBy rankBy) =>
        "needs " + string.Join(", ", requirements.Select(r => $"{FeatureName(r.Feature)} = {(r.Wanted ? Yes : No)}")) + " → among those, " + RankMetric(rankBy);

    public override string RankMetric(RankBy rankBy) => rankBy switch
    {
        RankBy.LowestP50 => "the lowest P50 measured (4.1)",
        RankBy.LowestP99 => "the lowest P99 measured (4.1)",
        _ => "the highest QPS measured (4.2)",
    };

    public override string Excluded(string scheme, Feature feature, bool? holds) => $"{scheme} ({FeatureName(feature)}: {(holds is null ? NotMeasured : holds.Value ? Yes : No)})";

    public override string ExcludedSuffix(IReadOnlyList<string> excluded) => excluded.Count == 0 ? string.Empty : "; excluded: " + string.Join(", ", excluded);

    public override string LacksEvidence(IReadOnlyList<string> experiments) => $"this run lacks the evidence: needs {string.Join(And, experiments)}";

    public override string NoneMeets => "no measured variant meets every requirement";

    public override string LeadWithinNoise(string best) => $"; {best}'s lead is within the noise, so the plan's choice stands";

    public override string OwnLeadWithinNoise(IReadOnlyList<string> others) => $"; its lead over {string.Join(And, others)} is within the noise";

    public override string LeadWithinNoiseFewerCaveats(string best, IReadOnlyList<Feature> caveats) =>
        $"; {best}'s lead is within the noise, and it fails {string.Join(And, caveats.Select(FeatureName))}";

    public override string CaveatsBrief(IReadOnlyList<Feature> caveats) => "; fails: " + string.Join(", ", caveats.Select(FeatureName));

    public override string OnlyOne(string figures) => $"the only scheme meeting every requirement{(figures.Length > 0 ? " (" + figures + ")" : string.Empty)}";

    public override string NotMeasuredForAll(IReadOnlyList<string> candidates, string figure) => $"{string.Join(Or, candidates)} meet every requirement; {figure} was not measured for all of them in this run";

    public override string Qualify(IReadOnlyList<string> candidates, string figure, string figures) => $"{string.Join(", ", candidates)} qualify; chosen by {figure}: {figures}";

    public override string PlanNotDecided(IReadOnlyList<string> missing, string planName, string reason) => $"not decided: this run lacks {string.Join(", ", missing)} (the plan: {planName}, {reason})";

    public override string PlanNoChoice(string planName, string reason) => $"differs: no variant was chosen (the plan: {planName}, {reason})";

    public override string PlanAgrees(string planName, string reason) => $"agrees (the plan: {planName}, {reason})";

    public override string PlanLacks(string variant, Feature feature, string cell) => $"{variant}: {FeatureName(feature)} {cell}";

    public override string PlanDiffersLacking(string planName, IReadOnlyList<string> reasons) => $"differs from the plan ({planName}), because here {string.Join("; ", reasons)}";

    public override string PlanDiffersBoth(string planName, string chosen, string ours, string qualified, string figure, string beyond) =>
        $"differs from the plan ({planName}): both qualify, and {chosen} measured {ours} ({figure}), ahead of {qualified}{beyond}";

    public override string BeyondNoise => ", beyond the noise";

    public override string WithinNoise(string figure) => $", within the noise: on {figure} alone either would do";

    public override string NotAvailable => "n/a";

    public override string SummaryCounts(string coverage, int completed, int failed, int skipped, int hypotheses, int confirmed, int refuted, int inconclusive) =>
        $"This run ran {coverage} ({completed} completed, {failed} failed, {skipped} skipped). "
        + $"Of {hypotheses} hypotheses, {confirmed} were confirmed, {refuted} refuted and {inconclusive} inconclusive ({Anchors.Link("problems met", "problems")} lists the latter two).";

    public override string Interruption(int ran, int? selected) =>
        $"This run was interrupted (Ctrl+C or SIGTERM) after {ran} of the {selected?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "chosen"} experiments it was asked for; what follows covers only those that completed. ";

    public override string FastestSlowest(string link, string fastest, string fastestText, string slowest, string slowestText) =>
        $"By median latency ({link}) {fastest} was the fastest scheme measured ({fastestText} ms) and {slowest} the slowest ({slowestText} ms).";

    public override string NoLatency => "Latency (4.1) was not measured for the schemes in this run, so no speed order or speed trade-off is stated.";

    public override string MostFewest(string link, string most, string mostText, string fewest, string fewestText) =>
        $"Under load ({link}) {most} sustained the most requests per second ({mostText}) and {fewest} the fewest ({fewestText}).";

    public override string TradeoffGain(Feature feature) => feature switch
    {
        Feature.CrossServerSharing => "share sessions across backends",
        Feature.SurvivesBackendCrash => "survive a backend crash",
        _ => "avoid an external store",
    };

    public override string NoTradeoff(string fastest) =>
        $"No trade-off against {fastest} was measured: the feature table shows it giving up none of cross-server sharing, crash survival or independence from a store (or those cells were not measured).";

    public override string Tradeoff(string fastest, IReadOnlyList<string> lost, IReadOnlyList<string> cells, IReadOnlyList<string> others) =>
        others.Count == 0
            ? $"The main trade-off: {fastest} is fastest but does not {string.Join(Or, lost)} ({string.Join(", ", cells)})."
            : $"The main trade-off: {fastest} is fastest but does not {string.Join(Or, lost)} ({string.Join(", ", cells)}); {string.Join(And, others)} do, at the latency above.";

    public override string Coverage(int planRan, int planTotal, int beyondRan, int beyondKnown)
    {
        var plan = $"{planRan} of the plan's {planTotal} experiments";
        return beyondKnown > 0 ? $"{plan} and {beyondRan} of the lab's {beyondKnown} beyond the plan" : beyondRan > 0 ? $"{plan} and {beyondRan} beyond the plan" : plan;
    }
}
