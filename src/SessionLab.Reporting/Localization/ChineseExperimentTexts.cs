using System.Globalization;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Localization;

/// <summary>
/// The experiments' texts in Chinese: the plan's titles, questions and hypotheses (<see cref="PlanTexts"/>), the lab's
/// hypotheses (<see cref="HypothesisTranslations"/>) and evidence sentences by template (<see cref="EvidenceTranslations"/>).
/// Whatever has no translation is shown as recorded, in English, rather than dropped.
/// </summary>
internal sealed class ChineseExperimentTexts : ExperimentTexts
{
    public static ChineseExperimentTexts Instance { get; } = new();

    public override string Title(string experimentId, string recorded) =>
        PlanTexts.Experiments.TryGetValue(experimentId, out var plan) ? plan.Title
        : PlanTexts.LabTitles.TryGetValue(experimentId, out var title) ? title
        : recorded;

    public override string Question(string experimentId, string recorded) =>
        PlanTexts.Experiments.TryGetValue(experimentId, out var plan) ? plan.Question
        : HypothesisTranslations.Questions.TryGetValue(experimentId, out var question) && string.Equals(question.English, recorded, StringComparison.Ordinal) ? question.Chinese
        : recorded;

    public override IReadOnlyList<string> PlanHypotheses(string experimentId) =>
        PlanTexts.Experiments.TryGetValue(experimentId, out var plan) ? plan.Hypotheses : [];

    public override string Statement(string experimentId, HypothesisVerdict verdict) =>
        HypothesisTranslations.All.TryGetValue((experimentId, verdict.Id), out var translation)
        && string.Equals(translation.English, verdict.Statement, StringComparison.Ordinal)
            ? translation.Chinese
            : verdict.Statement;

    public override string Evidence(string experimentId, HypothesisVerdict verdict)
    {
        // A finished sentence without a template can still be translated when it has no values in it.
        var format = verdict.EvidenceTemplate?.Format ?? Escape(verdict.Evidence);
        IReadOnlyList<string> arguments = verdict.EvidenceTemplate?.Arguments ?? [];
        if (!EvidenceTranslations.All.TryGetValue((experimentId, verdict.Id, format), out var chinese))
        {
            return verdict.Evidence;
        }

        try
        {
            // A verdict whose evidence was extended after judging (4.1 H3 adds its Redis round trip) no longer reads as its
            // template: translating the template would drop the rest, so such a sentence stays as recorded.
            if (verdict.EvidenceTemplate is { } template && string.Format(CultureInfo.InvariantCulture, template.Format, [.. arguments]) != verdict.Evidence)
            {
                return verdict.Evidence;
            }

            return string.Format(CultureInfo.InvariantCulture, chinese, [.. arguments.Select(EvidenceFragments.Chinese)]);
        }
        catch (FormatException)
        {
            // A template whose holes do not match its arguments is a bug in the catalog; the reader still gets the measurement.
            return verdict.Evidence;
        }
    }

    private static string Escape(string text) => text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
}
