using SessionLab.Reporting.Localization;

namespace SessionLab.Reporting.Analysis;

/// <summary>
/// Where one cell of the feature table comes from: the verdict of <paramref name="HypothesisId"/> in experiment
/// <paramref name="ExperimentId"/>. A confirmed verdict means the feature holds as <paramref name="HoldsIfConfirmed"/>
/// says, a refuted one the opposite; <paramref name="Inferred"/> marks a cell read from a related observation rather
/// than from an experiment that tested the feature head-on. <paramref name="OnlyConfirmationDecides"/> marks a hypothesis
/// whose refutation says only "not as predicted" (it states a precise amount, or two halves), so a refuted verdict
/// leaves the cell undecided and pointing at the experiment. <paramref name="Figure"/> names a typed metric of that
/// experiment, for this variant, that the cell quotes beside its words (what the verdict rests on, measured).
/// </summary>
internal sealed record FeatureEvidence(
    Feature Feature,
    string Scheme,
    string ExperimentId,
    string HypothesisId,
    bool HoldsIfConfirmed,
    Localized YesText,
    Localized NoText,
    bool Inferred = false,
    bool OnlyConfirmationDecides = false,
    FeatureFigure? Figure = null);

/// <summary>
/// A metric a feature cell quotes: its name (for the cell's variant), the words around it (<c>{0}</c> for the value) and
/// how the value is written (a .NET numeric format: <c>+0.##;-0.##;0</c> for a change).
/// </summary>
internal sealed record FeatureFigure(string Metric, Localized Text, string Format = "0.##");
