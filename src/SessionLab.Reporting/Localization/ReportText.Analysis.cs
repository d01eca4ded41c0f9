using SessionLab.Reporting.Analysis;

namespace SessionLab.Reporting.Localization;

/// <summary>The texts of the analyses: the feature table, the recommendations, the summary and the run's coverage.</summary>
internal abstract partial class ReportText
{
    // The feature table.
    public abstract string FeatureName(Feature feature);

    /// <summary>A cell's own word (<c>yes</c>, <c>sessions lost</c>…), from the pair its evidence carries.</summary>
    public string Cell(Localized text) => text.In(Language);

    public abstract string CellNotRun(string experimentId);

    public abstract string CellNotCompleted(string experimentId, string anchor, string status);

    public abstract string CellInconclusive(string anchor, string tag);

    public abstract string CellSource(string tag, bool inferred);

    /// <summary>A cell whose hypothesis states an amount and was refuted: the feature is undecided, not its opposite.</summary>
    public abstract string CellNotAsPredicted(string anchor, string tag);

    // 5. Recommendations.
    public abstract string FeatureTableHeading { get; }

    public abstract string FeatureTableIntro { get; }

    public abstract string RulesHeading { get; }

    public abstract string RulesIntro { get; }

    public abstract string RecommendationsCaption { get; }

    public abstract IReadOnlyList<string> RecommendationColumns { get; }

    public abstract string ChoiceNotRanked(IReadOnlyList<string> candidates);

    public abstract string ChoiceNotDecided(IReadOnlyList<string> missing);

    public abstract string ChoiceNone { get; }

    /// <summary>A variant chosen while the run lacks <paramref name="missing"/>, which could rule it or another in or out.</summary>
    public abstract string ChoiceProvisional(string chosen, IReadOnlyList<string> missing);

    /// <summary>One measured caveat appended to a variant's dependency, e.g. "; while the store is down: refused at once".</summary>
    public abstract string DependencyDetail(Feature feature, string cell);

    /// <summary>Appended to "agrees": the measured cells that ruled out the other variants (empty when none).</summary>
    public abstract string MeasuredAlso(IReadOnlyList<string> exclusions);

    /// <summary>The situation's name; the English one is the rule's id.</summary>
    public abstract string Situation(RecommendationRule rule);

    public abstract string Why(RecommendationRule rule);

    /// <summary>The plan's reason for its choice in <paramref name="rule"/>'s situation (the rule has a plan choice).</summary>
    public abstract string PlanReason(RecommendationRule rule);

    public abstract string DescribeRule(IReadOnlyList<Requirement> requirements, RankBy rankBy);

    public abstract string RankMetric(RankBy rankBy);

    public abstract string Excluded(string scheme, Feature feature, bool? holds);

    public abstract string ExcludedSuffix(IReadOnlyList<string> excluded);

    public abstract string LacksEvidence(IReadOnlyList<string> experiments);

    public abstract string NoneMeets { get; }

    /// <summary>Appended when the plan's variant is kept because <paramref name="best"/> leads only within the noise.</summary>
    public abstract string LeadWithinNoise(string best);

    /// <summary>Appended when the chosen variant leads <paramref name="others"/> only within the noise (no plan's choice to keep).</summary>
    public abstract string OwnLeadWithinNoise(IReadOnlyList<string> others);

    /// <summary>Appended when <paramref name="best"/> leads only within the noise and fails <paramref name="caveats"/>, which the chosen one meets.</summary>
    public abstract string LeadWithinNoiseFewerCaveats(string best, IReadOnlyList<Feature> caveats);

    /// <summary>The outage features a chosen variant fails, named after its dependency on one screen.</summary>
    public abstract string CaveatsBrief(IReadOnlyList<Feature> caveats);

    public abstract string OnlyOne(string figures);

    public abstract string NotMeasuredForAll(IReadOnlyList<string> candidates, string figure);

    public abstract string Qualify(IReadOnlyList<string> candidates, string figure, string figures);

    public abstract string PlanNotDecided(IReadOnlyList<string> missing, string planName, string reason);

    public abstract string PlanNoChoice(string planName, string reason);

    public abstract string PlanAgrees(string planName, string reason);

    public abstract string PlanLacks(string variant, Feature feature, string cell);

    public abstract string PlanDiffersLacking(string planName, IReadOnlyList<string> reasons);

    /// <summary>The chosen variant's own figure only: the plan variant's stands in the key figures, not beside it.</summary>
    public abstract string PlanDiffersBoth(string planName, string chosen, string ours, string qualified, string figure, string beyond);

    public abstract string BeyondNoise { get; }

    public abstract string WithinNoise(string figure);

    public abstract string NotAvailable { get; }

    // 6. Summary.
    public abstract string SummaryCounts(string coverage, int completed, int failed, int skipped, int hypotheses, int confirmed, int refuted, int inconclusive);

    public abstract string Interruption(int ran, int? selected);

    public abstract string FastestSlowest(string link, string fastest, string fastestText, string slowest, string slowestText);

    public abstract string NoLatency { get; }

    public abstract string MostFewest(string link, string most, string mostText, string fewest, string fewestText);

    public abstract string TradeoffGain(Feature feature);

    public abstract string NoTradeoff(string fastest);

    public abstract string Tradeoff(string fastest, IReadOnlyList<string> lost, IReadOnlyList<string> cells, IReadOnlyList<string> others);

    /// <summary>"2 of the plan's 12 experiments and 1 of the lab's 13 beyond the plan".</summary>
    public abstract string Coverage(int planRan, int planTotal, int beyondRan, int beyondKnown);
}
