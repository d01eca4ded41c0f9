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
            ? ResultsJson.Deserialize(File.ReadAllText(Path.Combine(RepositoryFiles.Root(), run)))
            : SampleRuns.Load(run);
        var labels = results.Experiments
            .SelectMany(e => e.Charts.SelectMany(c => new[] { ChartBlocks.Prefix(c.Name), c.XLabel, c.YLabel }).Select(label => (e.Id, label)))
            .Distinct();

        Assert.All(labels, l => Assert.True(ChartTerms.Knows(l.label), $"{l.Id}: \"{l.label}\" has no Chinese chart term"));
    }

    [Theory]
    [InlineData("sticky, kill -9 at 3.333 s", "sticky，3.333 s 时 kill -9")]
    [InlineData("redis, (b) deregistered first, stop at 3.333 s", "redis，(b) 先摘除，3.333 s 时停止")]
    [InlineData("sticky, all users behind one NAT (round 5)", "sticky，所有用户在同一个 NAT 之后（第 5 轮）")]
    [InlineData("ceiling: /health via ip_hash (round 2)", "ceiling: /health via ip_hash（第 2 轮）")]
    [InlineData("after 10 s idle", "空闲 10 s 后")]
    [InlineData("jwt + revocation, per revoked token", "jwt + revocation，每个被撤销的 Token")]
    [InlineData("/profile", "/profile")]
    public void Chinese_ALegendOrPointLabel_ItsPartsTranslated_IdsAndNumbersKept(string recorded, string chinese) =>
        Assert.Equal(chinese, ChartTerms.Chinese(recorded));

    [Fact]
    public void ChartBlocks_Chinese_LegendsAndPointLabelsTranslated_EnglishAsRecorded()
    {
        var run = ResultsJson.Deserialize(File.ReadAllText(Path.Combine(RepositoryFiles.Root(), "docs/sample-run/results.json")));
        var experiment = run.Experiments.Single(e => e.Id == "6.1");
        var sessions = run.Experiments.Single(e => e.Id == "2.2");

        var chinese = ChartBlocks.From(experiment, ReportText.For(ReportLanguage.Chinese));
        var english = ChartBlocks.From(experiment);

        Assert.Contains(chinese[0].Series, s => s.Name == "sticky，3.333 s 时 kill -9");
        Assert.Contains(english[0].Series, s => s.Name == "sticky, kill -9 at 3.333 s");
        Assert.Contains(ChartBlocks.From(sessions, ReportText.For(ReportLanguage.Chinese))[0].Series[0].Points, p => p.Label == "登录");
    }

    [Fact]
    public void Chinese_ATermItKnows_TranslatedIgnoringCase_AnUnknownOneAsRecorded()
    {
        Assert.Equal("每秒失败的请求数", ChartTerms.Chinese("Failed requests per second"));
        Assert.Equal("a chart nobody labelled yet", ChartTerms.Chinese("a chart nobody labelled yet"));
    }
}
