using System.Globalization;
using SessionLab.Reporting.Document;
using SessionLab.Reporting.Localization;

namespace SessionLab.Reporting.Exporters;

/// <summary>
/// A chart as a compact table of its points: Markdown cannot draw, and a table keeps the numbers readable on any git
/// host. Long lines are sampled evenly (first and last kept); results.json keeps every point.
/// </summary>
internal static class MarkdownChart
{
    private const int MaxRows = 12;

    public static (IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, string Note) Points(ChartBlock chart, ReportText? text = null)
    {
        var columns = new List<string> { chart.XLabel };
        columns.AddRange(chart.Series.Select(s => chart.Series.Count == 1 ? s.YLabel : s.Name));

        // Bars are keyed by their label, lines by x; both keep the order the experiment recorded.
        var keys = new List<string>();
        var values = new Dictionary<(string Key, int Series), string>();
        for (var s = 0; s < chart.Series.Count; s++)
        {
            foreach (var point in chart.Series[s].Points)
            {
                var key = chart.Kind == ChartKind.Bar ? point.Label ?? Number(point.X) : Number(point.X);
                if (!keys.Contains(key))
                {
                    keys.Add(key);
                }

                values.TryAdd((key, s), Number(point.Y));
            }
        }

        if (chart.Kind == ChartKind.Line)
        {
            keys = [.. keys.OrderBy(k => double.Parse(k, CultureInfo.InvariantCulture))];
        }

        var shown = Sample(keys);
        var rows = shown
            .Select(k => (IReadOnlyList<string>)[k, .. Enumerable.Range(0, chart.Series.Count).Select(s => values.GetValueOrDefault((k, s), "-"))])
            .ToList();
        var note = (text ?? ReportText.For(ReportLanguage.English)).ChartNote(chart.Kind == ChartKind.Bar, shown.Count, keys.Count);
        return (columns, rows, note);
    }

    private static List<string> Sample(List<string> keys)
    {
        if (keys.Count <= MaxRows)
        {
            return keys;
        }

        var picked = new SortedSet<int>();
        for (var i = 0; i < MaxRows; i++)
        {
            picked.Add((int)Math.Round(i * (keys.Count - 1) / (double)(MaxRows - 1)));
        }

        return [.. picked.Select(i => keys[i])];
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
