using SessionLab.Reporting.Document;
using SessionLab.Reporting.Exporters;
using SessionLab.Reporting.Localization;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Reporting.Localization;

public sealed class ChineseReportTests
{
    private const string PlanH1 = "使用 `ip_hash` 后，同一客户端的所有请求会路由到同一台后端服务器";

    private static ReportDocument Chinese(RunResult? run = null) => ReportBuilder.Build(run ?? SampleRuns.Full(), ReportLanguage.Chinese);

    private static ExperimentResult Routing(RunResult run) => run.Experiments.Single(e => e.Id == "1.1");

    private static IReadOnlyList<HypothesisVerdict> VerdictsOf(ReportDocument document, string anchor)
    {
        var blocks = document.Sections.Single(s => s.Anchor == "key-findings").Blocks;
        var start = blocks.ToList().FindIndex(b => b is HeadingBlock h && h.Anchor == anchor);
        return blocks.Skip(start + 1).OfType<VerdictsBlock>().First().Verdicts;
    }

    [Fact]
    public void Build_Chinese_TheTemplatesSevenHeadingsVerbatimInOrder()
    {
        var headings = Chinese().Sections.Select(s => s.Heading).ToList();

        Assert.Equal(["概览", "1. 实验环境", "2. 关键发现", "3. 遇到的问题与解决", "4. 性能数据对比", "5. 方案选择建议", "6. 实验总结", "7. 实验时长统计"], headings);
    }

    [Fact]
    public void Build_Chinese_ThePlansTitleQuestionAndHypothesesOfAnExperiment()
    {
        var markdown = MarkdownRenderer.Render(Chinese());
        var blocks = Chinese().Sections.Single(s => s.Anchor == "key-findings").Blocks;

        Assert.Contains(blocks, b => b is HeadingBlock { Anchor: "exp-1-1", Text: "1.1 验证 IP Hash 路由一致性" });
        Assert.Contains(blocks, b => b is ParagraphBlock p && p.Text == "核心问题：Nginx 的 `ip_hash` 策略能否保证同一客户端的请求总是路由到同一台服务器？");
        Assert.Contains(blocks, b => b is ListBlock l && l.Items.Contains("H1 " + PlanH1));
        Assert.Contains("实验假设（计划原文）", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Chinese_VerdictsCarryThePlansWordsAndVerdictWords()
    {
        var document = Chinese();
        var markdown = MarkdownRenderer.Render(document);
        var html = HtmlExporter.Render(document);

        Assert.Equal(PlanH1, VerdictsOf(document, "exp-1-1").Single(v => v.Id == "H1").Statement);
        Assert.Contains("| 假设 | 结论 | 陈述 | 证据 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 成立 |", markdown, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge confirmed\">成立</span>", html, StringComparison.Ordinal);
        Assert.Contains("<th>假设</th><th>陈述</th><th>结论</th><th>证据</th>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">confirmed<", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DeclaresTheLanguage_ZhCnOrEn()
    {
        Assert.Contains("<html lang=\"zh-CN\">", HtmlExporter.Render(Chinese()), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", HtmlExporter.Render(ReportBuilder.Build(SampleRuns.Full())), StringComparison.Ordinal);
        Assert.Contains("<nav class=\"toc\" aria-label=\"目录\">", HtmlExporter.Render(Chinese()), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Chinese_UntranslatedEvidenceStaysEnglish_NotDropped()
    {
        const string Untranslated = "Something the catalog has never seen: 7 of 9 replies were 200.";
        var run = SampleRuns.Full().WithExperiment("1.1", e => e with
        {
            Verdicts = [.. e.Verdicts.Select(v => v.Id == "H2" ? v with { Evidence = Untranslated, EvidenceTemplate = null } : v)],
        });

        Assert.Equal(Untranslated, VerdictsOf(Chinese(run), "exp-1-1").Single(v => v.Id == "H2").Evidence);
    }

    [Fact]
    public void Build_Chinese_EvidenceWithItsTemplate_TranslatedWithTheSameValues()
    {
        var run = SampleRuns.Full().WithExperiment("1.1", e => e with
        {
            Verdicts = [.. e.Verdicts.Select(v => v.Id == "H1" ? v with
            {
                Evidence = "20 requests from one address reached server-3 with 0 switches.",
                EvidenceTemplate = new("{0} requests from one address reached {1} with {2} switches.", ["20", "server-3", "0"]),
            } : v)],
        });

        Assert.Equal("来自同一地址的 20 个请求都到达了 server-3，切换 0 次。", VerdictsOf(Chinese(run), "exp-1-1").Single(v => v.Id == "H1").Evidence);
        Assert.Equal("20 requests from one address reached server-3 with 0 switches.", VerdictsOf(ReportBuilder.Build(run), "exp-1-1").Single(v => v.Id == "H1").Evidence);
    }

    [Fact]
    public void Build_Chinese_EvidenceExtendedAfterItsTemplate_StaysAsRecorded()
    {
        const string Extended = "20 requests from one address reached server-3 with 0 switches. And one more clause.";
        var run = SampleRuns.Full().WithExperiment("1.1", e => e with
        {
            Verdicts = [.. e.Verdicts.Select(v => v.Id == "H1" ? v with
            {
                Evidence = Extended,
                EvidenceTemplate = new("{0} requests from one address reached {1} with {2} switches.", ["20", "server-3", "0"]),
            } : v)],
        });

        Assert.Equal(Extended, VerdictsOf(Chinese(run), "exp-1-1").Single(v => v.Id == "H1").Evidence);
    }

    [Fact]
    public void Build_Chinese_AHypothesisRewordedSinceItsTranslation_KeepsItsEnglish()
    {
        var run = SampleRuns.Full().WithExperiment("1.1", e => e with
        {
            Verdicts = [.. e.Verdicts.Select(v => v.Id == "H1" ? v with { Statement = "A different claim under the old id." } : v)],
        });

        Assert.Equal("A different claim under the old id.", VerdictsOf(Chinese(run), "exp-1-1").Single(v => v.Id == "H1").Statement);
    }

    [Fact]
    public void Build_Chinese_FeatureRowsAndSituationsInThePlansWords()
    {
        var glance = Chinese().Sections.Single(s => s.Anchor == "at-a-glance").Blocks.OfType<TableBlock>().ToList();
        var situations = glance.Single(t => t.Caption == "各场景的推荐方案").Rows.Select(r => r[0]);
        var features = glance.Single(t => t.Caption == "功能对比（各场景所需的功能）").Rows.Select(r => r[0]);

        // The plan's six rows first, in its words; the lab's rows from groups 5–6 follow.
        Assert.Equal(["跨服务器共享", "服务器宕机恢复", "主动登出", "水平扩展", "服务器重启影响", "依赖外部服务"], features.Take(6));
        Assert.Contains("小型应用 (< 3台服务器)", situations);
        Assert.Contains("电商平台", situations);
        Assert.Contains("高安全要求系统", situations);
    }

    [Fact]
    public void Build_SameRunInBothLanguages_OnlyTheWordsDiffer()
    {
        var run = SampleRuns.Full();
        var english = ReportBuilder.Build(run);
        var chinese = ReportBuilder.Build(run, ReportLanguage.Chinese);

        Assert.Equal(english.Sections.Select(s => s.Anchor), chinese.Sections.Select(s => s.Anchor));
        Assert.Equal(english.Sections.Sum(s => s.Blocks.OfType<ChartBlock>().Count()), chinese.Sections.Sum(s => s.Blocks.OfType<ChartBlock>().Count()));
        Assert.Equal("1. Environment", english.Sections[1].Heading);
        Assert.Equal(ResultsJson.Serialize(run), ResultsJson.Serialize(SampleRuns.Full()));
    }

    [Fact]
    public void Charts_Chinese_AxesTranslated_DrawnInACjkFont()
    {
        var chart = Chinese().Sections.SelectMany(s => s.Blocks).OfType<ChartBlock>().First(c => c.Anchor == "chart-exp-2-2-ttl");
        var html = HtmlExporter.Render(Chinese());

        Assert.Equal("登录后的秒数", chart.XLabel);
        Assert.Contains("font-family=\"Noto Sans CJK SC\"", html, StringComparison.Ordinal);
        Assert.Contains("font-family=\"DejaVu Sans\"", HtmlExporter.Render(ReportBuilder.Build(SampleRuns.Full())), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", ReportLanguage.English)]
    [InlineData("zh", ReportLanguage.Chinese)]
    [InlineData("ZH", ReportLanguage.Chinese)]
    public void TryParse_KnownCodes(string code, ReportLanguage expected)
    {
        Assert.True(ReportLanguages.TryParse(code, out var language));
        Assert.Equal(expected, language);
    }

    [Theory]
    [InlineData("xx")]
    [InlineData("zh-CN")]
    [InlineData("")]
    public void TryParse_UnknownCode_False(string code) => Assert.False(ReportLanguages.TryParse(code, out _));
}
