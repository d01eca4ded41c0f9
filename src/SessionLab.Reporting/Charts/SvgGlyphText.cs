using System.Text;
using SkiaSharp;

namespace SessionLab.Reporting.Charts;

/// <summary>
/// Puts back the characters Skia's SVG canvas loses. It writes text from glyphs, mapping each glyph back to the first
/// code point the font gives it, and a CJK font draws a Kangxi radical (⽅ U+2F45) and its unified ideograph (方 U+65B9)
/// with one glyph: the chart looked right, but its text read, searched and copied as radicals.
/// </summary>
internal static class SvgGlyphText
{
    /// <summary>The Kangxi radicals and the CJK radicals supplement, which no label of the lab's means to write.</summary>
    private const int RadicalsFirst = 0x2E80;
    private const int RadicalsLast = 0x2FDF;

    /// <summary>CJK unified ideographs, extension A first: where a radical's glyph also draws an ideograph.</summary>
    private static readonly (int First, int Last)[] Ideographs = [(0x4E00, 0x9FFF), (0x3400, 0x4DBF)];

    /// <param name="svg">SVG markup from the canvas.</param>
    /// <param name="font">The family the chart was drawn in.</param>
    public static string RestoreIdeographs(string svg, string font)
    {
        ArgumentNullException.ThrowIfNull(svg);
        var radicals = svg.Where(IsRadical).Distinct().ToList();
        if (radicals.Count == 0)
        {
            return svg;
        }

        var replacements = IdeographsFor(radicals, font);
        if (replacements.Count == 0)
        {
            return svg;
        }

        var text = new StringBuilder(svg.Length);
        foreach (var c in svg)
        {
            text.Append(replacements.TryGetValue(c, out var ideograph) ? ideograph : c);
        }

        return text.ToString();
    }

    internal static bool IsRadical(char c) => c is >= (char)RadicalsFirst and <= (char)RadicalsLast;

    /// <summary>For each radical, the ideograph the font draws with the same glyph (a radical it draws alone is kept).</summary>
    private static Dictionary<char, char> IdeographsFor(IReadOnlyList<char> radicals, string font)
    {
        // Not disposed: Skia hands out one cached typeface per system font, and SkiaSharp one wrapper per native handle,
        // so disposing it here would break the same typeface in ScottPlot's font cache (mono/SkiaSharp#1306).
        var typeface = SKTypeface.FromFamilyName(font);
        using var skFont = new SKFont(typeface);
        var wanted = radicals.Select(r => (Glyph: skFont.GetGlyph(r), Radical: r)).Where(x => x.Glyph != 0).ToLookup(x => x.Glyph, x => x.Radical);
        var found = new Dictionary<char, char>();
        foreach (var (first, last) in Ideographs)
        {
            var codepoints = Enumerable.Range(first, last - first + 1).ToArray();
            var glyphs = skFont.GetGlyphs(codepoints);
            for (var i = 0; i < glyphs.Length; i++)
            {
                foreach (var radical in wanted[glyphs[i]])
                {
                    found.TryAdd(radical, (char)codepoints[i]);
                }
            }
        }

        return found;
    }
}
