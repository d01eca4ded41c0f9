using System.Text.RegularExpressions;
using SessionLab.Reporting.Document;
using SessionLab.Reporting.Exporters;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Reporting;

public sealed partial class MarkdownExporterTests
{
    public static TheoryData<string> Samples => ["full-run.json", "groups1-3-quick.json", "group4-quick.json", "resources-4.3.json"];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Render_Sample_HasNoPlaceholder(string sample)
    {
        var markdown = Render(sample);

        Assert.DoesNotContain("____", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("[fill]", markdown, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("TODO", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Render_Sample_EveryTableRowHasAsManyCellsAsItsHeader(string sample)
    {
        var lines = Render(sample).Split('\n');

        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith('|') || (i > 0 && lines[i - 1].StartsWith('|')))
            {
                continue;
            }

            var width = Cells(lines[i]);
            Assert.Matches(@"^\|( --- \|)+$", lines[i + 1]);
            for (var j = i + 1; j < lines.Length && lines[j].StartsWith('|'); j++)
            {
                Assert.True(width == Cells(lines[j]), $"line {j + 1} has {Cells(lines[j])} cells, its header {width}: {lines[j]}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Render_Sample_EveryLinkResolvesToAnAnchorInTheReport(string sample)
    {
        var markdown = Render(sample);

        var anchors = AnchorTag().Matches(markdown).Select(m => m.Groups[1].Value).ToHashSet();
        var links = LinkTarget().Matches(markdown).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, l => Assert.Contains(l, anchors));
        Assert.Equal(anchors.Count, AnchorTag().Count(markdown));
    }

    [Fact]
    public void Render_PipeAndMarkupInCells_AreEscaped()
    {
        var document = new ReportDocument("t", "s", [new ReportSection("a", "A", [new TableBlock(null, ["x", "y"], [["a|b", "<c> ~7200 s *d* [e](#a)"]])])]);

        var markdown = MarkdownRenderer.Render(document);

        Assert.Contains(@"| a\|b | &lt;c&gt; \~7200 s \*d\* [e](#a) |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ShortAndLongRows_AreNormalisedToTheHeaderWidth()
    {
        var document = new ReportDocument("t", "s", [new ReportSection("a", "A", [new TableBlock(null, ["x", "y"], [["1"], ["1", "2", "3"]])])]);

        var markdown = MarkdownRenderer.Render(document);

        Assert.Contains("| 1 |   |\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| 1 | 2 / 3 |\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LongLineChart_IsSampledToACompactTable()
    {
        var points = Enumerable.Range(0, 43).Select(i => new ChartPoint(i, i * 2.0)).ToList();
        var chart = new ChartBlock("c", "Latency", ChartKind.Line, "percentile", "ms", [new ChartSeries("sticky", "percentile", "ms", points), new ChartSeries("jwt", "percentile", "ms", points)]);

        var (columns, rows, note) = MarkdownChart.Points(chart);

        Assert.Equal(["percentile", "sticky", "jwt"], columns);
        Assert.Equal(12, rows.Count);
        Assert.Equal(["0", "0", "0"], rows[0]);
        Assert.Equal(["42", "84", "84"], rows[^1]);
        Assert.Contains("12 of 43 points", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsync_WritesReportMdIntoTheFolder()
    {
        var folder = Directory.CreateTempSubdirectory("sessionlab-md-").FullName;
        try
        {
            var run = SampleRuns.Groups1To3();

            await new MarkdownExporter().ExportAsync(ReportBuilder.Build(run), run, folder, TestContext.Current.CancellationToken);

            var text = await File.ReadAllTextAsync(Path.Combine(folder, "report.md"), TestContext.Current.CancellationToken);
            Assert.StartsWith("# Session Lab report\n", text, StringComparison.Ordinal);
            Assert.Contains("<a id=\"exp-3-3\"></a>\n\n### 3.3 Blacklist logout", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Render(string sample) => MarkdownRenderer.Render(ReportBuilder.Build(SampleRuns.Load(sample)));

    private static int Cells(string row) => UnescapedPipe().Count(row) - 1;

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex UnescapedPipe();

    [GeneratedRegex("<a id=\"([^\"]+)\"></a>")]
    private static partial Regex AnchorTag();

    [GeneratedRegex(@"\]\(#([^)]+)\)")]
    private static partial Regex LinkTarget();
}
