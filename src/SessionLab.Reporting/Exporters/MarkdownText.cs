using System.Text;
using System.Text.RegularExpressions;

namespace SessionLab.Reporting.Exporters;

/// <summary>
/// Escapes measured text for GitHub-flavoured Markdown while keeping the document's own links <c>[label](#anchor)</c>:
/// values such as <c>blacklist:{jti}</c>, <c>~7200 s</c> or <c>revocation_check</c> must read literally.
/// </summary>
internal static partial class MarkdownText
{
    public static string Inline(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        var last = 0;
        foreach (Match link in Link().Matches(text))
        {
            builder.Append(Escape(text[last..link.Index]));
            builder.Append('[').Append(Escape(link.Groups["label"].Value)).Append("](#").Append(link.Groups["anchor"].Value).Append(')');
            last = link.Index + link.Length;
        }

        builder.Append(Escape(text[last..]));
        return builder.ToString();
    }

    /// <summary>A table cell: inline text on one line, pipes escaped so they never split the cell.</summary>
    public static string Cell(string text) => Inline(text.ReplaceLineEndings(" ")).Trim();

    private static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ReplaceLineEndings(" "))
        {
            switch (c)
            {
                case '\\' or '*' or '_' or '`' or '[' or ']' or '|' or '~' or '#':
                    builder.Append('\\').Append(c);
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                case '&':
                    builder.Append("&amp;");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"\[(?<label>[^\[\]]+)\]\(#(?<anchor>[A-Za-z0-9\-]+)\)")]
    private static partial Regex Link();
}
