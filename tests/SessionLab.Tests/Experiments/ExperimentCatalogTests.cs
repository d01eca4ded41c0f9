using System.Reflection;
using SessionLab.Experiments;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments;

public sealed class ExperimentCatalogTests
{
    [Fact]
    public void All_IdsAreUniqueAndInThePlansOrder()
    {
        var ids = ExperimentCatalog.All().Select(e => e.Info.Id).ToList();

        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.Equal(ids.OrderBy(id => Version.Parse(id)), ids);
    }

    [Fact]
    public void All_EveryExperimentUsesTheSkeleton_AndHasItsHypotheses()
    {
        var all = ExperimentCatalog.All();

        Assert.True(all.Count >= 25, $"{all.Count} experiments found");
        Assert.All(all, e =>
        {
            Assert.True(IsSkeleton(e.GetType()), $"{e.Info.Id} ({e.GetType().Name}) does not derive from Experiment<TSelf, TFacts>");
            Assert.NotEmpty(e.Info.Hypotheses);
            Assert.Equal(e.Info.Hypotheses.Count, e.Info.Hypotheses.Select(h => h.Id).Distinct().Count());
        });

        static bool IsSkeleton(Type? type) =>
            type is not null && ((type.IsGenericType && type.GetGenericTypeDefinition() == typeof(SessionLab.Experiments.Framework.Experiment<,>)) || IsSkeleton(type.BaseType));
    }

    [Fact]
    public void All_HypothesesAreStaticFieldsNamedAfterTheirIds_SoAJudgeCannotNameOneThatIsNot()
    {
        Assert.All(ExperimentCatalog.All(), e =>
        {
            var fields = e.GetType()
                .GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
                .Where(f => f.FieldType == typeof(Hypothesis))
                .ToDictionary(f => f.Name, f => (Hypothesis)f.GetValue(null)!, StringComparer.Ordinal);
            Assert.Equal(e.Info.Hypotheses.Select(h => h.Id), fields.Keys.Order(StringComparer.Ordinal));
            Assert.All(e.Info.Hypotheses, h => Assert.Same(fields[h.Id], h));
        });
    }

    [Fact]
    public void Select_NothingNamed_GivesAll() =>
        Assert.Equal(ExperimentCatalog.All().Count, ExperimentCatalog.Select([]).Count);

    [Fact]
    public void Select_GroupAndId_GiveTheirExperiments()
    {
        Assert.All(ExperimentCatalog.Select(["1"]), e => Assert.Equal(1, e.Info.Group));
        Assert.Equal("1.1", Assert.Single(ExperimentCatalog.Select(["1.1"])).Info.Id);
    }

    [Fact]
    public void Select_Unknown_SaysWhatIsKnown()
    {
        var error = Assert.Throws<ArgumentException>(() => ExperimentCatalog.Select(["9.9"]));

        Assert.Contains("9.9", error.Message, StringComparison.Ordinal);
        Assert.Contains("1.1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryExperiment_HasAQuestionAndNumberedHypotheses()
    {
        Assert.All(ExperimentCatalog.All(), e =>
        {
            Assert.EndsWith("?", e.Info.Question, StringComparison.Ordinal);
            Assert.Equal(Enumerable.Range(1, e.Info.Hypotheses.Count).Select(i => $"H{i}"), e.Info.Hypotheses.Select(h => h.Id));
        });
    }
}
