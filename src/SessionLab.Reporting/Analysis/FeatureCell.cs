namespace SessionLab.Reporting.Analysis;

/// <summary>
/// One measured cell: <see cref="Holds"/> is null when the run did not measure it (or the verdict was inconclusive);
/// <see cref="Text"/> is what the report shows, already linked to the experiment that showed it.
/// </summary>
internal sealed record FeatureCell(Feature Feature, string Scheme, bool? Holds, string Text, FeatureEvidence? Source);
