using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Localization;

/// <summary>
/// An experiment's own texts as a report shows them. results.json records them in English; a language either has a
/// translation keyed by the experiment's id (and the hypothesis's id) or shows the recorded English, never nothing.
/// </summary>
internal abstract class ExperimentTexts
{
    public abstract string Title(string experimentId, string recorded);

    public abstract string Question(string experimentId, string recorded);

    /// <summary>The plan's own hypotheses for the experiment, as the plan states them ("H1 …"); empty where none is kept.</summary>
    public abstract IReadOnlyList<string> PlanHypotheses(string experimentId);

    public abstract string Statement(string experimentId, HypothesisVerdict verdict);

    public abstract string Evidence(string experimentId, HypothesisVerdict verdict);

    /// <summary>The verdict with its statement and evidence in this language; the verdict itself is untouched.</summary>
    public HypothesisVerdict Localize(string experimentId, HypothesisVerdict verdict) =>
        verdict with { Statement = Statement(experimentId, verdict), Evidence = Evidence(experimentId, verdict) };
}

/// <summary>English: the texts exactly as the experiments recorded them.</summary>
internal sealed class RecordedExperimentTexts : ExperimentTexts
{
    public static RecordedExperimentTexts Instance { get; } = new();

    public override string Title(string experimentId, string recorded) => recorded;

    public override string Question(string experimentId, string recorded) => recorded;

    public override IReadOnlyList<string> PlanHypotheses(string experimentId) => [];

    public override string Statement(string experimentId, HypothesisVerdict verdict) => verdict.Statement;

    public override string Evidence(string experimentId, HypothesisVerdict verdict) => verdict.Evidence;
}
