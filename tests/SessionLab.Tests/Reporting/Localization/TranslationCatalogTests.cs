using System.Globalization;
using System.Text.RegularExpressions;
using SessionLab.Experiments;
using SessionLab.Reporting.Localization;

namespace SessionLab.Tests.Reporting.Localization;

/// <summary>The catalogs are data: these keep them true to the lab as it is, so a reworded hypothesis is noticed here.</summary>
public sealed partial class TranslationCatalogTests
{
    [Fact]
    public void HypothesisTranslations_EachTranslatesTheLabsCurrentStatement()
    {
        var statements = ExperimentCatalog.All().SelectMany(e => e.Info.Hypotheses.Select(h => (Key: (e.Info.Id, h.Id), h.Statement))).ToDictionary(x => x.Key, x => x.Statement);

        Assert.All(HypothesisTranslations.All, entry =>
        {
            Assert.True(statements.TryGetValue(entry.Key, out var statement), $"{entry.Key} is no hypothesis of the lab");
            Assert.Equal(statement, entry.Value.English);
        });
    }

    [Fact]
    public void HypothesisTranslations_EveryHypothesisOfThePlansExperimentsHasOne()
    {
        var plan = ExperimentCatalog.All().Where(e => PlanTexts.Experiments.ContainsKey(e.Info.Id));

        Assert.All(plan.SelectMany(e => e.Info.Hypotheses.Select(h => (e.Info.Id, h.Id))), key => Assert.True(HypothesisTranslations.All.ContainsKey(key), $"{key} has no translation"));
    }

    [Fact]
    public void EveryExperimentAndHypothesisOfTheLab_HasChineseWords_TheLabsOwnTranslatedFromTheirCurrentEnglish()
    {
        var experiments = ExperimentCatalog.All().Select(e => e.Info).ToList();

        Assert.All(experiments.SelectMany(e => e.Hypotheses.Select(h => (e.Id, h.Id))), key => Assert.True(HypothesisTranslations.All.ContainsKey(key), $"{key} has no translation"));
        Assert.All(experiments.Where(e => !PlanTexts.Experiments.ContainsKey(e.Id)), e =>
        {
            Assert.True(HypothesisTranslations.Questions.TryGetValue(e.Id, out var question), $"{e.Id}'s question has no translation");
            Assert.Equal(e.Question, question.English);
        });
        Assert.All(HypothesisTranslations.Questions.Keys, id => Assert.DoesNotContain(id, PlanTexts.Experiments.Keys));
    }

    [Fact]
    public void PlanTexts_CoverTheTwelveExperimentsOfThePlan_AndTheLabsTitlesTheRest()
    {
        var ids = ExperimentCatalog.All().Select(e => e.Info.Id).ToList();

        Assert.Equal(12, PlanTexts.Experiments.Count);
        Assert.All(ids, id => Assert.True(PlanTexts.Experiments.ContainsKey(id) || PlanTexts.LabTitles.ContainsKey(id), $"{id} has no Chinese title"));
        Assert.All(PlanTexts.Experiments.Values, p => Assert.Equal(3, p.Hypotheses.Count));
    }

    [Fact]
    public void EvidenceTranslations_UseOnlyTheHolesTheirEnglishHas()
    {
        Assert.All(EvidenceTranslations.All, entry =>
        {
            var holes = Holes(entry.Key.Format);
            var arguments = Enumerable.Range(0, holes).Select(i => (object)$"<{i}>").ToArray();
            var chinese = string.Format(CultureInfo.InvariantCulture, entry.Value, arguments);
            // Every measured value the English shows, the Chinese shows too.
            Assert.All(arguments, a => Assert.Contains((string)a, chinese, StringComparison.Ordinal));
        });
    }

    private static int Holes(string format) => Hole().Matches(format.Replace("{{", string.Empty, StringComparison.Ordinal)).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1).DefaultIfEmpty(0).Max();

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Hole();
}
