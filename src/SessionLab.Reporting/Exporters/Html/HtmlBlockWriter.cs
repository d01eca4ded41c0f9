using System.Text;
using System.Text.RegularExpressions;
using SessionLab.Reporting.Charts;
using SessionLab.Reporting.Document;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Exporters.Html;

/// <summary>Writes one <see cref="ReportBlock"/> as HTML; every piece of text goes through <see cref="HtmlText"/>.</summary>
internal static partial class HtmlBlockWriter
{
    public static void Write(StringBuilder html, ReportBlock block)
    {
        switch (block)
        {
            case HeadingBlock heading:
                html.Append("<h3 id=\"").Append(HtmlText.Encode(heading.Anchor)).Append("\">")
                    .Append(HtmlText.Encode(heading.Text)).Append("</h3>\n");
                break;
            case ParagraphBlock paragraph:
                html.Append("<p>").Append(HtmlText.Inline(paragraph.Text)).Append("</p>\n");
                break;
            case ListBlock list:
                WriteList(html, list);
                break;
            case TableBlock table:
                WriteTable(html, table);
                break;
            case VerdictsBlock verdicts:
                WriteVerdicts(html, verdicts);
                break;
            case ChartBlock chart:
                WriteChart(html, chart);
                break;
            default:
                throw new NotSupportedException($"No HTML for block {block.GetType().Name}.");
        }
    }

    private static void WriteList(StringBuilder html, ListBlock list)
    {
        html.Append("<ul>\n");
        foreach (var item in list.Items)
        {
            html.Append("<li>").Append(HtmlText.Inline(item)).Append("</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static void WriteTable(StringBuilder html, TableBlock table)
    {
        html.Append("<table>\n");
        if (!string.IsNullOrEmpty(table.Caption))
        {
            html.Append("<caption>").Append(HtmlText.Inline(table.Caption)).Append("</caption>\n");
        }

        html.Append("<thead><tr>");
        foreach (var column in table.Columns)
        {
            html.Append("<th>").Append(HtmlText.Inline(column)).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                // Figures read better right-aligned, so columns of numbers line up by their digits.
                html.Append(NumberPattern().IsMatch(cell) ? "<td class=\"num\">" : "<td>")
                    .Append(HtmlText.Inline(cell)).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void WriteVerdicts(StringBuilder html, VerdictsBlock block)
    {
        html.Append("<table class=\"verdicts\">\n<thead><tr><th>Hypothesis</th><th>Statement</th><th>Verdict</th><th>Evidence</th></tr></thead>\n<tbody>\n");
        foreach (var verdict in block.Verdicts)
        {
            var css = verdict.Verdict switch
            {
                Verdict.Confirmed => "confirmed",
                Verdict.Refuted => "refuted",
                _ => "inconclusive",
            };
            html.Append("<tr><td>").Append(HtmlText.Encode(verdict.Id))
                .Append("</td><td>").Append(HtmlText.Inline(verdict.Statement))
                .Append("</td><td><span class=\"badge ").Append(css).Append("\">").Append(css).Append("</span>")
                .Append("</td><td>").Append(HtmlText.Inline(verdict.Evidence)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void WriteChart(StringBuilder html, ChartBlock chart)
    {
        // No caption: the title is drawn inside the chart, and the SVG's aria-label carries it for screen readers.
        html.Append("<figure class=\"chart\" id=\"").Append(HtmlText.Encode(chart.Anchor)).Append("\">\n")
            .Append(SvgInliner.Prepare(ChartRenderer.RenderSvg(chart), chart.Anchor, chart.Title))
            .Append("\n</figure>\n");
    }

    [GeneratedRegex(@"^[-+]?[0-9][0-9.,]*\s*(%|×|x|ms|µs|s|MB|KB|kB|GB|B|/s|req/s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
