using System.Text;
using SessionLab.Reporting.Document;
using SessionLab.Reporting.Localization;

namespace SessionLab.Reporting.Exporters;

/// <summary>
/// Renders a <see cref="ReportDocument"/> as Markdown. Anchors are explicit <c>&lt;a id&gt;</c> tags before headings,
/// because GitHub's generated heading ids depend on the heading text and would break the document's links.
/// </summary>
internal static class MarkdownRenderer
{
    public static string Render(ReportDocument document)
    {
        var text = ReportText.For(document.Language);
        var md = new StringBuilder();
        md.Append("# ").Append(MarkdownText.Inline(document.Title)).Append("\n\n");
        md.Append(MarkdownText.Inline(document.Subtitle)).Append("\n\n");
        foreach (var section in document.Sections)
        {
            md.Append("- ").Append(MarkdownText.Inline($"[{section.Heading}](#{section.Anchor})")).Append('\n');
        }

        md.Append('\n');
        foreach (var section in document.Sections)
        {
            Anchor(md, section.Anchor);
            md.Append("## ").Append(MarkdownText.Inline(section.Heading)).Append("\n\n");
            foreach (var block in section.Blocks)
            {
                Block(md, block, text);
            }
        }

        return md.ToString().TrimEnd('\n') + "\n";
    }

    private static void Block(StringBuilder md, ReportBlock block, ReportText text)
    {
        switch (block)
        {
            case HeadingBlock heading:
                Anchor(md, heading.Anchor);
                md.Append("### ").Append(MarkdownText.Inline(heading.Text)).Append("\n\n");
                break;
            case ParagraphBlock paragraph:
                md.Append(MarkdownText.Inline(paragraph.Text)).Append("\n\n");
                break;
            case ListBlock list:
                foreach (var item in list.Items)
                {
                    md.Append("- ").Append(MarkdownText.Inline(item)).Append('\n');
                }

                md.Append('\n');
                break;
            case TableBlock table:
                Table(md, table.Caption, table.Columns, table.Rows);
                break;
            case VerdictsBlock verdicts:
                Table(md, text.VerdictsCaption, text.VerdictColumns,
                    [.. verdicts.Verdicts.Select(v => (IReadOnlyList<string>)[v.Id, text.Verdict(v.Verdict), v.Statement, v.Evidence])]);
                break;
            case ChartBlock chart:
                Anchor(md, chart.Anchor);
                var (columns, rows, note) = MarkdownChart.Points(chart, text);
                Table(md, text.ChartCaption(chart.Title), columns, rows);
                md.Append(MarkdownText.Inline(note)).Append("\n\n");
                break;
            default:
                throw new NotSupportedException($"No Markdown rendering for {block.GetType().Name}.");
        }
    }

    /// <summary>A table whose every row has exactly as many cells as the header, so no renderer drops or shifts a cell.</summary>
    private static void Table(StringBuilder md, string? caption, IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        if (caption is { Length: > 0 })
        {
            md.Append("**").Append(MarkdownText.Inline(caption)).Append("**\n\n");
        }

        if (columns.Count == 0)
        {
            return;
        }

        Row(md, columns, columns.Count);
        md.Append('|').Append(string.Concat(Enumerable.Repeat(" --- |", columns.Count))).Append('\n');
        foreach (var row in rows)
        {
            Row(md, row, columns.Count);
        }

        md.Append('\n');
    }

    private static void Row(StringBuilder md, IReadOnlyList<string> cells, int width)
    {
        md.Append('|');
        for (var i = 0; i < width; i++)
        {
            var cell = i < cells.Count ? MarkdownText.Cell(cells[i]) : string.Empty;
            // A row longer than the header keeps its extra cells in the last one rather than losing them.
            if (i == width - 1 && cells.Count > width)
            {
                cell = string.Join(" / ", cells.Skip(i).Select(MarkdownText.Cell));
            }

            md.Append(' ').Append(cell.Length == 0 ? " " : cell).Append(" |");
        }

        md.Append('\n');
    }

    private static void Anchor(StringBuilder md, string anchor) => md.Append("<a id=\"").Append(anchor).Append("\"></a>\n\n");
}
