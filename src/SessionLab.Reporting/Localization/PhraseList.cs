using System.Text.RegularExpressions;

namespace SessionLab.Reporting.Localization;

/// <summary>
/// Recurring English phrases and their Chinese, applied one after another to a text the lab composed (an evidence
/// value, a fault label): every known phrase is replaced, everything else (numbers, ids, names) stays as recorded.
/// </summary>
internal sealed class PhraseList((string Pattern, string Chinese)[] phrases)
{
    private readonly (Regex Pattern, string Chinese)[] _phrases = [.. phrases.Select(p => (new Regex(p.Pattern, RegexOptions.CultureInvariant), p.Chinese))];

    /// <summary>The text with every known phrase in Chinese.</summary>
    public string Apply(string text)
    {
        foreach (var (pattern, chinese) in _phrases)
        {
            text = pattern.Replace(text, chinese);
        }

        return text;
    }
}
