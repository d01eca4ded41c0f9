using System.Text;
using SessionLab.Reporting.Document;
using SessionLab.Reporting.Localization;

namespace SessionLab.Reporting.Exporters.Html;

/// <summary>The sticky side navigation: one entry per section, nested entries for its sub-headings (experiments).</summary>
internal static class HtmlTableOfContents
{
    public static void Write(StringBuilder html, ReportDocument document, ReportText text)
    {
        var contents = HtmlText.Encode(text.Contents);
        html.Append("<nav class=\"toc\" aria-label=\"").Append(contents).Append("\">\n<h2>").Append(contents).Append("</h2>\n<ol>\n");
        foreach (var section in document.Sections)
        {
            html.Append("<li>");
            AppendLink(html, section.Anchor, section.Heading);
            var headings = section.Blocks.OfType<HeadingBlock>().ToList();
            if (headings.Count > 0)
            {
                html.Append("\n<ol>\n");
                foreach (var heading in headings)
                {
                    html.Append("<li>");
                    AppendLink(html, heading.Anchor, heading.Text);
                    html.Append("</li>\n");
                }

                html.Append("</ol>\n");
            }

            html.Append("</li>\n");
        }

        html.Append("</ol>\n</nav>\n");
    }

    private static void AppendLink(StringBuilder html, string anchor, string text) =>
        html.Append("<a href=\"#").Append(HtmlText.Encode(anchor)).Append("\">").Append(HtmlText.Encode(text)).Append("</a>");
}
