namespace SessionLab.Reporting.Localization;

/// <summary>
/// A short text owned by the lab's own data (a feature cell's word, a situation of the plan) in both languages, kept
/// beside the data it names so the two cannot drift apart and nothing has to be looked up by its English.
/// </summary>
/// <param name="English">The text the lab writes in English (and results of older versions used).</param>
/// <param name="Chinese">The same in the plan's language, in the plan's words where the plan has them.</param>
internal sealed record Localized(string English, string Chinese)
{
    public string In(ReportLanguage language) => language == ReportLanguage.Chinese ? Chinese : English;

    /// <summary>The English, so code and messages that know only one language (compare, tests) read as before.</summary>
    public override string ToString() => English;
}
