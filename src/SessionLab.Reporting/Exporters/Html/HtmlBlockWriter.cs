using System.Text;
using System.Text.RegularExpressions;
using SessionLab.Reporting.Charts;
using SessionLab.Reporting.Document;
using SessionLab.Reporting.Localization;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Exporters.Html;

/// <summary>Writes one <see cref="ReportBlock"/> as HTML; every piece of text goes through <see cref="HtmlText"/>.</summary>
internal static partial class HtmlBlockWriter
{
    public static void Write(StringBuilder html, ReportBlock block, ReportText? text = null)
    {
        text ??= ReportText.For(ReportLanguage.English);
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
                WriteVerdicts(html, verdicts, text);
                break;
            case ChartBlock chart:
                WriteChart(html, chart, text);
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

    private static void WriteVerdicts(StringBuilder html, VerdictsBlock block, ReportText text)
    {
        // The same columns as Markdown's (hypothesis, verdict, statement, evidence), shown statement before verdict.
        var columns = text.VerdictColumns;
        html.Append("<table class=\"verdicts\">\n<thead><tr>");
        foreach (var column in (string[])[columns[0], columns[2], columns[1], columns[3]])
        {
            html.Append("<th>").Append(HtmlText.Encode(Capitalized(column))).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
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
                .Append("</td><td><span class=\"badge ").Append(css).Append("\">").Append(HtmlText.Encode(text.Verdict(verdict.Verdict))).Append("</span>")
                .Append("</td><td>").Append(HtmlText.Inline(verdict.Evidence)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void WriteChart(StringBuilder html, ChartBlock chart, ReportText text)
    {
        // No caption: the title is drawn inside the chart, and the SVG's aria-label carries it for screen readers.
        html.Append("<figure class=\"chart\" id=\"").Append(HtmlText.Encode(chart.Anchor)).Append("\">\n")
            .Append(SvgInliner.Prepare(ChartRenderer.RenderSvg(chart, font: text.ChartFont), chart.Anchor, chart.Title))
            .Append("\n</figure>\n");
    }

    private static string Capitalized(string column) => column.Length > 0 && char.IsAsciiLetterLower(column[0]) ? char.ToUpperInvariant(column[0]) + column[1..] : column;

    [GeneratedRegex(@"^[-+]?[0-9][0-9.,]*\s*(%|×|x|ms|µs|s|MB|KB|kB|GB|B|/s|req/s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
