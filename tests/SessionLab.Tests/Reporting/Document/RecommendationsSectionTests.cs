using SessionLab.Reporting.Analysis;
using SessionLab.Reporting.Document.Sections;
using SessionLab.Reporting.Localization;

namespace SessionLab.Tests.Reporting.Document;

public sealed class RecommendationsSectionTests
{
    private static readonly RecommendationRule Rule = new("test", [new(Feature.ActiveLogout, true)], RankBy.LowestP50, "why");

    [Fact]
    public void Choice_ChosenWithEvidenceMissing_NamesTheMissingExperiments()
    {
        var recommendation = new Recommendation(Rule, ["redis"], "redis", "reason") { Missing = ["1.3", "6.1"] };

        Assert.Equal("redis (provisional: needs 1.3 and 6.1)", RecommendationsSection.Choice(recommendation, EnglishReportText.Instance));
        Assert.Equal("redis（暂定：需要 1.3、6.1）", RecommendationsSection.Choice(recommendation, ChineseReportText.Instance));
    }

    [Fact]
    public void Choice_ChosenWithAllEvidence_IsTheVariant()
    {
        Assert.Equal("redis", RecommendationsSection.Choice(new Recommendation(Rule, ["redis"], "redis", "reason"), EnglishReportText.Instance));
    }
}
