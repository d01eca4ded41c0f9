using System.Text.RegularExpressions;
using SessionLab.Reporting.Document;
using SessionLab.Reporting.Exporters;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Reporting;

public sealed partial class HtmlExporterTests
{
    private const string Hostile = "<script>alert('x')</script> & <img src=x onerror=alert(1)>";

    private static ReportDocument Sample() => new(
        "Session Lab report",
        "Run 20260101 — see [findings](#findings)",
        [
            new ReportSection("environment", "1. Environment",
            [
                new TableBlock("Machine", ["Field", "Value"], [["OS", "Debian"], ["CPU", "2"], ["Header", Hostile]]),
                new ParagraphBlock("Docs at https://example.org stay text, and " + Hostile),
            ]),
            new ReportSection("findings", "2. Key findings",
            [
                new HeadingBlock("exp-1-1", "1.1 IP hash"),
                new VerdictsBlock(
                [
                    new HypothesisVerdict("H1", "Same IP, same server", Verdict.Confirmed, "20/20 on server-1"),
                    new HypothesisVerdict("H2", "Survives a crash", Verdict.Refuted, "401 after kill, see [1.1](#exp-1-1)"),
                    new HypothesisVerdict("H3", Hostile, Verdict.Inconclusive, "too few requests"),
                ]),
                new ListBlock(["back to [environment](#environment)", "[external](http://evil.example/x) is not a link"]),
                new ChartBlock("chart-ttl", "TTL over time " + Hostile, ChartKind.Line, "seconds", "TTL (s)",
                [
                    new ChartSeries("redis", "s", "ttl", [new ChartPoint(0, 30), new ChartPoint(10, 20), new ChartPoint(20, 30)]),
                    new ChartSeries(Hostile, "s", "ttl", [new ChartPoint(0, 30), new ChartPoint(10, 25), new ChartPoint(20, 15)]),
                ]),
                new ChartBlock("chart-qps", "QPS per scheme", ChartKind.Bar, "scheme", "requests/s",
                [
                    new ChartSeries("measured", "scheme", "qps",
                        [new ChartPoint(0, 5200, "sticky"), new ChartPoint(1, 4100, "redis"), new ChartPoint(2, 6100, "jwt")]),
                    new ChartSeries("baseline", "scheme", "qps", [new ChartPoint(3, 7000, "ASP.NET Core")]),
                ]),
            ]),
        ]);

    [Fact]
    public void Render_Sample_IsSelfContained()
    {
        var html = HtmlExporter.Render(Sample());

        Assert.DoesNotMatch(@"(?i)\b(src|href)\s*=\s*[""']?\s*(https?:)?//", html);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(http", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<style>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Charts_AreInlineSvgWithUniqueIds()
    {
        var html = HtmlExporter.Render(Sample());

        Assert.Equal(2, Regex.Count(html, "<svg "));
        Assert.Contains("<figure class=\"chart\" id=\"chart-ttl\">\n<svg viewBox=", html, StringComparison.Ordinal);
        Assert.Contains("<figure class=\"chart\" id=\"chart-qps\">\n<svg viewBox=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<?xml", html, StringComparison.Ordinal);
        var ids = IdPattern().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        foreach (Match reference in Regex.Matches(html, @"url\(#([^)]+)\)"))
        {
            Assert.Contains(reference.Groups[1].Value, ids);
        }
    }

    [Fact]
    public void Render_HostileText_IsEncodedEverywhere()
    {
        var html = HtmlExporter.Render(Sample());

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Links_PointAtAnchorsThatExist()
    {
        var html = HtmlExporter.Render(Sample());

        var targets = HrefPattern().Matches(html).Select(m => m.Groups[1].Value).ToList();
        var ids = IdPattern().Matches(html).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("findings", targets);
        Assert.Contains("exp-1-1", targets);
        Assert.Contains("environment", targets);
        Assert.All(targets, target => Assert.Contains(target, ids));
        Assert.Contains("<li>[external](http://evil.example/x) is not a link</li>", html, StringComparison.Ordinal);
        Assert.Contains("Docs at https://example.org stay text", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Verdicts_HaveColouredBadges()
    {
        var html = HtmlExporter.Render(Sample());

        Assert.Contains("<span class=\"badge confirmed\">confirmed</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge refuted\">refuted</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge inconclusive\">inconclusive</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Contents_ListsSectionsAndSubHeadings()
    {
        var html = HtmlExporter.Render(Sample());

        var nav = html[html.IndexOf("<nav", StringComparison.Ordinal)..html.IndexOf("</nav>", StringComparison.Ordinal)];
        Assert.Contains("<a href=\"#environment\">1. Environment</a>", nav, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#findings\">2. Key findings</a>", nav, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#exp-1-1\">1.1 IP hash</a>", nav, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsync_TwiceFromTheSameDocument_WritesIdenticalBytes()
    {
        var exporter = new HtmlExporter();
        var first = Directory.CreateTempSubdirectory("sessionlab-html-");
        var second = Directory.CreateTempSubdirectory("sessionlab-html-");
        try
        {
            await exporter.ExportAsync(Sample(), null!, first.FullName, TestContext.Current.CancellationToken);
            await exporter.ExportAsync(Sample(), null!, second.FullName, TestContext.Current.CancellationToken);

            var a = await File.ReadAllBytesAsync(Path.Combine(first.FullName, "report.html"), TestContext.Current.CancellationToken);
            var b = await File.ReadAllBytesAsync(Path.Combine(second.FullName, exporter.FileName), TestContext.Current.CancellationToken);
            Assert.Equal(a, b);
            Assert.Equal("html", exporter.Name);
        }
        finally
        {
            first.Delete(recursive: true);
            second.Delete(recursive: true);
        }
    }

    [Fact]
    public void Render_ChartsWithoutPoints_StillDrawAxes()
    {
        var document = new ReportDocument("t", "", [new ReportSection("s", "S",
        [
            new ChartBlock("empty-line", "nothing measured", ChartKind.Line, "x", "y", [new ChartSeries("a", "x", "y", [])]),
            new ChartBlock("empty-bar", "no series", ChartKind.Bar, "x", "y", []),
        ])]);

        var html = HtmlExporter.Render(document);

        Assert.Equal(2, Regex.Count(html, "<svg "));
    }

    [GeneratedRegex(@"\bid=""([^""]+)""")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"\bhref=""#([^""]+)""")]
    private static partial Regex HrefPattern();
}
