using SessionLab.Reporting.Localization;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Analysis;

/// <summary>The plan's feature table, every cell derived from a verdict of this run (or "not measured").</summary>
internal sealed class FeatureTable
{
    private readonly Dictionary<(Feature, string), FeatureCell> _cells;
    private readonly ReportText _text;

    private FeatureTable(Dictionary<(Feature, string), FeatureCell> cells, ReportText text)
    {
        _cells = cells;
        _text = text;
    }

    /// <param name="run">The run whose verdicts fill the cells.</param>
    /// <param name="catalog">Which verdict fills which cell [default: <see cref="FeatureEvidenceCatalog.All"/>].</param>
    /// <param name="text">The language of the cells' text [default: English].</param>
    public static FeatureTable From(RunResult run, IReadOnlyList<FeatureEvidence>? catalog = null, ReportText? text = null)
    {
        text ??= EnglishReportText.Instance;
        // A cell may have several sources, best first (a head-on experiment before an inference): the first that
        // decided the cell in this run fills it; when none did, the first one says why.
        var cells = (catalog ?? FeatureEvidenceCatalog.All)
            .GroupBy(evidence => (evidence.Feature, evidence.Scheme))
            .ToDictionary(
                group => group.Key,
                group =>
                {
                    var derived = group.Select(evidence => Derive(run, evidence, text)).ToList();
                    return derived.FirstOrDefault(cell => cell.Holds is not null) ?? derived[0];
                });
        return new FeatureTable(cells, text);
    }

    /// <summary>
    /// The cell of a scheme and feature; "n/a: …" where the feature has no meaning for the scheme
    /// (<see cref="FeatureEvidenceCatalog.NotApplicable"/>), "not measured" when no evidence is catalogued for it.
    /// </summary>
    public FeatureCell Cell(Feature feature, string scheme) =>
        _cells.TryGetValue((feature, scheme), out var cell)
            ? cell
            : new FeatureCell(feature, scheme, null, FeatureEvidenceCatalog.NotApplicable.Where(n => n.Feature == feature && n.Scheme == scheme).Select(n => _text.Cell(n.Text)).FirstOrDefault() ?? _text.NotMeasured, null);

    private static FeatureCell Derive(RunResult run, FeatureEvidence evidence, ReportText text)
    {
        var experiment = run.Experiments.FirstOrDefault(e => e.Id == evidence.ExperimentId);
        var link = Anchors.Experiment(evidence.ExperimentId);
        if (experiment is null)
        {
            return new FeatureCell(evidence.Feature, evidence.Scheme, null, text.CellNotRun(evidence.ExperimentId), evidence);
        }

        if (experiment.Status != ExperimentStatus.Completed)
        {
            return new FeatureCell(evidence.Feature, evidence.Scheme, null, text.CellNotCompleted(evidence.ExperimentId, link, text.Status(experiment.Status)), evidence);
        }

        var verdict = experiment.Verdicts.FirstOrDefault(v => v.Id == evidence.HypothesisId);
        var tag = $"{evidence.ExperimentId} {evidence.HypothesisId}";
        if (verdict is null || verdict.Verdict == Verdict.Inconclusive)
        {
            return new FeatureCell(evidence.Feature, evidence.Scheme, null, text.CellInconclusive(link, tag), evidence);
        }

        if (verdict.Verdict == Verdict.Refuted && evidence.OnlyConfirmationDecides)
        {
            return new FeatureCell(evidence.Feature, evidence.Scheme, null, text.CellNotAsPredicted(link, tag) + Quoted(experiment, evidence, text), evidence);
        }

        var holds = verdict.Verdict == Verdict.Confirmed ? evidence.HoldsIfConfirmed : !evidence.HoldsIfConfirmed;
        var word = Anchors.Link(text.Cell(holds ? evidence.YesText : evidence.NoText), link);
        return new FeatureCell(evidence.Feature, evidence.Scheme, holds, word + Quoted(experiment, evidence, text) + text.CellSource(tag, evidence.Inferred), evidence);
    }

    /// <summary>"; median +10.4 ms with the store 10 ms slower" when the evidence quotes a figure this run measured, else nothing.</summary>
    private static string Quoted(ExperimentResult experiment, FeatureEvidence evidence, ReportText text) =>
        evidence.Figure is { } figure && experiment.Metrics.FirstOrDefault(m => m.Target == evidence.Scheme && m.Name == figure.Metric) is { } metric
            ? text.Cell(new Localized("; ", "；")) + string.Format(System.Globalization.CultureInfo.InvariantCulture, text.Cell(figure.Text), metric.Value.ToString(figure.Format, System.Globalization.CultureInfo.InvariantCulture))
            : string.Empty;
}
