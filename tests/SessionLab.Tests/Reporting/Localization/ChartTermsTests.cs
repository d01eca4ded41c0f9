using SessionLab.Reporting.Document.Sections;
using SessionLab.Reporting.Localization;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Reporting.Localization;

/// <summary>
/// Every word a chart is labelled with has its Chinese term, in the lab's real output: the published sample run (a
/// current full run) and the test fixtures. A new chart whose labels are not in the catalog fails here instead of
/// silently drawing English titles and axes in the Chinese report.
/// </summary>
public sealed class ChartTermsTests
{
    public static TheoryData<string> Runs() =>
    [
        "docs/sample-run/results.json",
        .. Directory.GetFiles(SampleRuns.PathOf(string.Empty), "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal),
    ];

    [Theory]
    [MemberData(nameof(Runs))]
    public void EveryChartSubjectAndAxis_HasAChineseTerm(string run)
    {
        var results = run.StartsWith("docs/", StringComparison.Ordinal)
            ? ResultsJson.Deserialize(File.ReadAllText(Path.Combine(Repository.Root(), run)))
            : SampleRuns.Load(run);
        var labels = results.Experiments
            .SelectMany(e => e.Charts.SelectMany(c => new[] { ChartBlocks.Prefix(c.Name), c.XLabel, c.YLabel }).Select(label => (e.Id, label)))
            .Distinct();

        Assert.All(labels, l => Assert.True(ChartTerms.Knows(l.label), $"{l.Id}: \"{l.label}\" has no Chinese chart term"));
    }

    [Fact]
    public void Chinese_ATermItKnows_TranslatedIgnoringCase_AnUnknownOneAsRecorded()
    {
        Assert.Equal("每秒失败的请求数", ChartTerms.Chinese("Failed requests per second"));
        Assert.Equal("a chart nobody labelled yet", ChartTerms.Chinese("a chart nobody labelled yet"));
    }
}
