using SessionLab.Reporting.Analysis;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Reporting;

public sealed class RecommenderTests
{
    private static readonly RecommendationRule NeedsLogout = new("test", [new(Feature.ActiveLogout, true)], RankBy.LowestP50, "why");

    [Fact]
    public void All_CoverThePlansEightSituations()
    {
        Assert.Equal(
            ["small app", "mid/large app", "API service", "e-commerce", "mobile", "SPA", "microservices", "high security"],
            RecommendationRules.All.Select(r => r.Situation));
        Assert.All(RecommendationRules.All, r => Assert.NotEmpty(r.Requirements));
    }

    [Fact]
    public void Describe_ShowsRequirementsAndRanking()
    {
        Assert.Equal("needs active logout = yes → among those, the lowest P50 measured (4.1)", RecommendationRules.Describe(NeedsLogout));
    }

    [Fact]
    public void Apply_AmongQualifyingSchemes_PicksTheLowestP50()
    {
        var run = SampleRuns.Full();

        var recommendation = Recommender.Apply(NeedsLogout, FeatureTable.From(run), PerformanceFigures.From(run));

        Assert.Equal(["sticky", "redis", "jwt"], recommendation.Candidates);
        Assert.Equal("sticky", recommendation.Chosen);
    }

    [Fact]
    public void Apply_RequirementRefuted_ExcludesTheSchemeAndSaysWhy()
    {
        var run = SampleRuns.Full().WithVerdict("1.3", "H1", Verdict.Refuted);

        var recommendation = Recommender.Apply(NeedsLogout, FeatureTable.From(run), PerformanceFigures.From(run));

        Assert.Equal(["redis", "jwt"], recommendation.Candidates);
        Assert.Equal("redis", recommendation.Chosen);
        Assert.Contains("excluded: sticky (active logout: no)", recommendation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_HighestQps_PicksTheHighestThroughput()
    {
        var rule = NeedsLogout with { RankBy = RankBy.HighestQps };
        var run = SampleRuns.Full();

        Assert.Equal("sticky", Recommender.Apply(rule, FeatureTable.From(run), PerformanceFigures.From(run)).Chosen);
    }

    [Fact]
    public void Apply_RankingFigureNotMeasured_ListsCandidatesWithoutChoosing()
    {
        var run = SampleRuns.Groups1To3();

        var recommendation = Recommender.Apply(NeedsLogout, FeatureTable.From(run), PerformanceFigures.From(run));

        Assert.Null(recommendation.Chosen);
        Assert.Equal(3, recommendation.Candidates.Count);
        Assert.Contains("P50 was not measured", recommendation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_FeatureNotMeasuredForAnyScheme_RecommendsNothing()
    {
        var run = SampleRuns.Group4();

        var recommendation = Recommender.Apply(NeedsLogout, FeatureTable.From(run), PerformanceFigures.From(run));

        Assert.Null(recommendation.Chosen);
        Assert.Empty(recommendation.Candidates);
        Assert.StartsWith("no measured scheme meets every requirement", recommendation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FeatureTable_EveryCellOfTheFullRun_IsMeasuredAndLinked()
    {
        var table = FeatureTable.From(SampleRuns.Full());

        foreach (var feature in FeatureNames.All)
        {
            foreach (var scheme in Schemes.All)
            {
                var cell = table.Cell(feature, scheme);
                Assert.NotNull(cell.Holds);
                Assert.StartsWith("[", cell.Text, StringComparison.Ordinal);
                Assert.Contains($"(#{Anchors.Experiment(cell.Source!.ExperimentId)})", cell.Text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void FeatureTable_InconclusiveVerdict_IsNeitherYesNorNo()
    {
        var cell = FeatureTable.From(SampleRuns.Full().WithVerdict("3.1", "H1", Verdict.Inconclusive)).Cell(Feature.ExternalDependency, Schemes.Jwt);

        Assert.Null(cell.Holds);
        Assert.StartsWith("[inconclusive](#exp-3-1)", cell.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void FeatureTable_SeveralSources_TheFirstThatDecidedFillsTheCell()
    {
        FeatureEvidence[] catalog =
        [
            new(Feature.SurvivesBackendCrash, Schemes.Redis, "3.1", "H2", HoldsIfConfirmed: true, "head-on yes", "head-on no"),
            new(Feature.SurvivesBackendCrash, Schemes.Redis, "2.1", "H1", HoldsIfConfirmed: true, "inferred yes", "inferred no", Inferred: true),
        ];

        var headOn = FeatureTable.From(SampleRuns.Full(), catalog).Cell(Feature.SurvivesBackendCrash, Schemes.Redis);
        var fallback = FeatureTable.From(SampleRuns.Full().Without("3.1"), catalog).Cell(Feature.SurvivesBackendCrash, Schemes.Redis);
        var inconclusive = FeatureTable.From(SampleRuns.Full().WithVerdict("3.1", "H2", Verdict.Inconclusive), catalog).Cell(Feature.SurvivesBackendCrash, Schemes.Redis);

        Assert.StartsWith("[head-on yes]", headOn.Text, StringComparison.Ordinal);
        Assert.Equal("3.1", headOn.Source!.ExperimentId);
        Assert.StartsWith("[inferred yes]", fallback.Text, StringComparison.Ordinal);
        Assert.EndsWith("(inferred from 2.1 H1)", fallback.Text, StringComparison.Ordinal);
        Assert.Equal("2.1", inconclusive.Source!.ExperimentId);
    }
}
