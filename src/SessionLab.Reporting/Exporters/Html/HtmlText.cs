using System.Text;
using System.Text.RegularExpressions;

namespace SessionLab.Reporting.Exporters.Html;

/// <summary>
/// Text to HTML: everything is encoded, because report text comes from measurements (headers, bodies, error messages)
/// and must never become markup; only <c>[label](#anchor)</c> links are recognised, and only in-page ones, so the
/// report cannot point the reader's browser anywhere else.
/// </summary>
internal static partial class HtmlText
{
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&#39;"); break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Encodes <paramref name="text"/> and turns its <c>[label](#anchor)</c> links into anchors.</summary>
    public static string Inline(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length + 32);
        var last = 0;
        foreach (Match match in LinkPattern().Matches(text))
        {
            builder.Append(Encode(text[last..match.Index]));
            builder.Append("<a href=\"#").Append(Encode(match.Groups["anchor"].Value)).Append("\">")
                .Append(Encode(match.Groups["label"].Value)).Append("</a>");
            last = match.Index + match.Length;
        }

        builder.Append(Encode(text[last..]));
        return builder.ToString();
    }

    [GeneratedRegex(@"\[(?<label>[^\[\]]+)\]\(#(?<anchor>[A-Za-z0-9_.:\-]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();
}
