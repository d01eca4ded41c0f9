using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Analysis;

/// <summary>The plan's feature table, every cell derived from a verdict of this run (or "not measured").</summary>
internal sealed class FeatureTable
{
    private readonly Dictionary<(Feature, string), FeatureCell> _cells;

    private FeatureTable(Dictionary<(Feature, string), FeatureCell> cells) => _cells = cells;

    public static FeatureTable From(RunResult run, IReadOnlyList<FeatureEvidence>? catalog = null)
    {
        // A cell may have several sources, best first (a head-on experiment before an inference): the first that
        // decided the cell in this run fills it; when none did, the first one says why.
        var cells = (catalog ?? FeatureEvidenceCatalog.All)
            .GroupBy(evidence => (evidence.Feature, evidence.Scheme))
            .ToDictionary(
                group => group.Key,
                group =>
                {
                    var derived = group.Select(evidence => Derive(run, evidence)).ToList();
                    return derived.FirstOrDefault(cell => cell.Holds is not null) ?? derived[0];
                });
        return new FeatureTable(cells);
    }

    /// <summary>
    /// The cell of a scheme and feature; "n/a: …" where the feature has no meaning for the scheme
    /// (<see cref="FeatureEvidenceCatalog.NotApplicable"/>), "not measured" when no evidence is catalogued for it.
    /// </summary>
    public FeatureCell Cell(Feature feature, string scheme) =>
        _cells.TryGetValue((feature, scheme), out var cell)
            ? cell
            : new FeatureCell(feature, scheme, null, FeatureEvidenceCatalog.NotApplicable.Where(n => n.Feature == feature && n.Scheme == scheme).Select(n => n.Text).FirstOrDefault() ?? "not measured", null);

    private static FeatureCell Derive(RunResult run, FeatureEvidence evidence)
    {
        var experiment = run.Experiments.FirstOrDefault(e => e.Id == evidence.ExperimentId);
        var link = Anchors.Experiment(evidence.ExperimentId);
        if (experiment is null)
        {
            return new FeatureCell(evidence.Feature, evidence.Scheme, null, $"not measured ({evidence.ExperimentId} not run)", evidence);
        }

        if (experiment.Status != ExperimentStatus.Completed)
        {
            return new FeatureCell(evidence.Feature, evidence.Scheme, null, $"not measured ({Anchors.Link(evidence.ExperimentId + " " + experiment.Status.ToString().ToLowerInvariant(), link)})", evidence);
        }

        var verdict = experiment.Verdicts.FirstOrDefault(v => v.Id == evidence.HypothesisId);
        var tag = $"{evidence.ExperimentId} {evidence.HypothesisId}";
        if (verdict is null || verdict.Verdict == Verdict.Inconclusive)
        {
            return new FeatureCell(evidence.Feature, evidence.Scheme, null, $"{Anchors.Link("inconclusive", link)} ({tag})", evidence);
        }

        if (verdict.Verdict == Verdict.Refuted && evidence.OnlyConfirmationDecides)
        {
            return new FeatureCell(evidence.Feature, evidence.Scheme, null, $"{Anchors.Link("not as predicted", link)} ({tag})", evidence);
        }

        var holds = verdict.Verdict == Verdict.Confirmed ? evidence.HoldsIfConfirmed : !evidence.HoldsIfConfirmed;
        var text = Anchors.Link(holds ? evidence.YesText : evidence.NoText, link);
        var suffix = evidence.Inferred ? $" (inferred from {tag})" : $" ({tag})";
        return new FeatureCell(evidence.Feature, evidence.Scheme, holds, text + suffix, evidence);
    }
}
