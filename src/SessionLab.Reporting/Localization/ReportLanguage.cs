namespace SessionLab.Reporting.Localization;

/// <summary>
/// The language a report is written in. Only the rendering depends on it: results.json stays language-neutral, so a
/// run made with either language re-renders in the other.
/// </summary>
public enum ReportLanguage
{
    /// <summary>English, the lab's own language and the default.</summary>
    English,

    /// <summary>Simplified Chinese, the plan's language: its headings, questions and hypotheses in its own words.</summary>
    Chinese,
}

/// <summary>The codes a user types (<c>--lang en</c>, <c>--lang zh</c>) and the tags a page declares (<c>zh-CN</c>).</summary>
public static class ReportLanguages
{
    /// <summary>Every code <c>--lang</c> accepts, the default first.</summary>
    public static IReadOnlyList<string> Codes { get; } = ["en", "zh"];

    /// <summary>The language of a code (case-insensitive); false for anything else.</summary>
    public static bool TryParse(string? code, out ReportLanguage language)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "en":
                language = ReportLanguage.English;
                return true;
            case "zh":
                language = ReportLanguage.Chinese;
                return true;
            default:
                language = ReportLanguage.English;
                return false;
        }
    }

    /// <summary>The BCP 47 tag for HTML's <c>lang</c>: the plan is written in Simplified Chinese as used in mainland China.</summary>
    public static string Tag(this ReportLanguage language) => language == ReportLanguage.Chinese ? "zh-CN" : "en";
}
