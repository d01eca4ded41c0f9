using System.Collections.Frozen;

namespace SessionLab.Reporting.Localization;

/// <summary>
/// Evidence sentences in Chinese, keyed by experiment id, hypothesis id and the English template the judge wrote
/// (<see cref="Model.EvidenceTemplate.Format"/>): the template is the sentence's identity, as a msgid is in gettext, so a
/// judge that rewords its English falls back to the new English instead of showing a translation of the old one. The
/// holes are the same measured values in the same numbering; numbers, ids and endpoint names are not translated.
/// </summary>
internal static class EvidenceTranslations
{
    public static FrozenDictionary<(string Experiment, string Hypothesis, string Format), string> All { get; } =
        new Dictionary<(string, string, string), string>
        {
        }.ToFrozenDictionary();
}
