using System.Text.RegularExpressions;
using SessionLab.Reporting.Exporters.Html;

namespace SessionLab.Reporting.Charts;

/// <summary>
/// Makes ScottPlot's standalone SVG fit inside an HTML page: no XML declaration or namespaces (HTML supplies them), a viewBox so CSS can scale it, and
/// element ids renamed per chart. ScottPlot numbers its clip paths from a process-wide counter, so without the renaming
/// two charts could share an id (one chart clipped by the other's rectangle) and the same report would differ between
/// renders.
/// </summary>
internal static partial class SvgInliner
{
    public static string Prepare(string svg, string chartAnchor, string title)
    {
        ArgumentNullException.ThrowIfNull(svg);
        var body = XmlDeclaration().Replace(svg, string.Empty).TrimStart();

        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        body = IdAttribute().Replace(body, match =>
        {
            var fresh = $"{chartAnchor}-svg{renamed.Count + 1}";
            renamed[match.Groups["id"].Value] = fresh;
            return $"id=\"{HtmlText.Encode(fresh)}\"";
        });
        body = IdReference().Replace(body, match =>
            renamed.TryGetValue(match.Groups["id"].Value, out var fresh) ? $"url(#{HtmlText.Encode(fresh)})" : match.Value);

        return SvgOpenTag().Replace(
            body,
            match => $"<svg viewBox=\"0 0 {match.Groups["w"].Value} {match.Groups["h"].Value}\" role=\"img\" aria-label=\"{HtmlText.Encode(title)}\">",
            count: 1);
    }

    [GeneratedRegex(@"^\s*<\?xml[^>]*\?>", RegexOptions.CultureInvariant)]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"\bid=""(?<id>[^""]+)""", RegexOptions.CultureInvariant)]
    private static partial Regex IdAttribute();

    [GeneratedRegex(@"url\(#(?<id>[^)]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex IdReference();

    [GeneratedRegex("""<svg\b[^>]*\bwidth="(?<w>[0-9.]+)"[^>]*\bheight="(?<h>[0-9.]+)"[^>]*>""", RegexOptions.CultureInvariant)]
    private static partial Regex SvgOpenTag();
}
