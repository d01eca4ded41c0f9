using System.Globalization;
using ScottPlot;
using SessionLab.Reporting.Document;

namespace SessionLab.Reporting.Charts;

/// <summary>Draws a <see cref="ChartBlock"/> with ScottPlot and returns it as SVG markup, ready to inline into HTML.</summary>
internal static class ChartRenderer
{
    public const int DefaultWidth = 880;
    public const int DefaultHeight = 400;

    /// <summary>Installed by .ci/run (fonts-dejavu-core); the browser uses the same name for the SVG's text.</summary>
    public const string DefaultFont = "DejaVu Sans";

    private static readonly MarkerShape[] MarkerShapes = [MarkerShape.FilledCircle, MarkerShape.OpenSquare, MarkerShape.FilledTriangleUp, MarkerShape.OpenDiamond];

    /// <param name="chart">The chart to draw.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="font">The font all text is drawn and measured in: one with glyphs for the report's language (CJK for Chinese).</param>
    public static string RenderSvg(ChartBlock chart, int width = DefaultWidth, int height = DefaultHeight, string font = DefaultFont)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var plot = new Plot();
        try
        {
            // ScottPlot's own "sans" lookup falls back to DejaVu Serif on Debian; name the font the CI image installs.
            plot.Font.Set(font);
            if (chart.Kind == ChartKind.Bar)
            {
                AddBars(plot, chart);
            }
            else
            {
                AddLines(plot, chart);
            }

            plot.Title(chart.Title);
            plot.XLabel(chart.XLabel);
            plot.YLabel(chart.YLabel);
            return SvgGlyphText.RestoreIdeographs(plot.GetSvgXml(width, height), font);
        }
        finally
        {
            plot.Dispose();
        }
    }

    private static void AddLines(Plot plot, ChartBlock chart)
    {
        // Latency by percentile: on a linear axis the whole tail (P90–P99.9, where schemes differ) is squeezed into the
        // last pixels. Plot against "nines" instead, as HdrHistogram's own charts do: 90 → 1, 99 → 2, 99.9 → 3.
        var nines = chart.PercentileAxis || chart.XLabel.Equals("percentile", StringComparison.OrdinalIgnoreCase);
        for (var i = 0; i < chart.Series.Count; i++)
        {
            var series = chart.Series[i];
            var xs = series.Points.Select(p => nines ? Nines(p.X) : p.X).ToArray();
            var ys = series.Points.Select(p => p.Y).ToArray();
            var scatter = plot.Add.ScatterLine(xs, ys);
            scatter.LegendText = series.Name;
            // Series that measure the same (in 6.7 the redis scheme and JWT with a blacklist pay the same delay) lie on
            // top of each other: a marker shape and a width of their own keep the one below visible. (Not a dash pattern:
            // Skia's SVG canvas draws dashes solid and prints "Unsupported path effect in addPaint." on stderr for each.)
            scatter.LineWidth = Math.Max(1, 4 - (i % 3));
            scatter.MarkerShape = MarkerShapes[i % MarkerShapes.Length];
            scatter.MarkerSize = series.Points.Count <= 30 ? 9 - (2 * (i % 3)) : 0;
        }

        // Jepsen's style: the time a fault was in force is shaded behind the series, not only named in the legend.
        foreach (var window in FaultWindowShading.Merge([.. chart.Series.SelectMany(s => s.FaultWindows)], chart.MoreFaultsLabel))
        {
            var span = plot.Add.HorizontalSpan(window.From, window.To);
            span.FillStyle.Color = Colors.Red.WithAlpha(0.15);
            span.LineStyle.Width = 0;
            span.LegendText = window.Label.Length > 60 ? window.Label[..57] + "…" : window.Label;
        }

        if (nines)
        {
            double[] ticks = [0, 1, 2, 3, 4];
            plot.Axes.Bottom.SetTicks(ticks, ["0", "90", "99", "99.9", "99.99"]);
        }

        ShowLegend(plot, chart);
    }

    /// <summary>Percentile to "nines": -log10(1 - p/100), capped at 99.99 (4) so P100 stays on the chart.</summary>
    internal static double Nines(double percentile) => -Math.Log10(1 - Math.Min(percentile, 99.99) / 100);

    /// <summary>Whole numbers with separators for counts and rates; three significant digits for small figures.</summary>
    internal static string FormatValue(double value) =>
        Math.Abs(value) >= 100 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("G3", CultureInfo.InvariantCulture);

    /// <summary>
    /// Points of all series are laid side by side, one bar each, so a baseline series sits next to the measured ones;
    /// each bar's tick is its point's label (or the series name when the point has none).
    /// </summary>
    private static void AddBars(Plot plot, ChartBlock chart)
    {
        var positions = new List<double>();
        var labels = new List<string>();
        var position = 0d;
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            var color = plot.Add.Palette.GetColor(s);
            var bars = new List<Bar>();
            foreach (var point in series.Points)
            {
                bars.Add(new Bar
                {
                    Position = position,
                    Value = point.Y,
                    FillColor = color,
                    Label = FormatValue(point.Y),
                });
                positions.Add(position);
                labels.Add(point.Label ?? series.Name);
                position++;
            }

            var barPlot = plot.Add.Bars(bars);
            barPlot.LegendText = series.Name;
            barPlot.ValueLabelStyle.FontSize = 12;
        }

        // Long names ("aspnet-session (built-in peer)") would overlap side by side: wrap them under their bar.
        var wrapped = labels.Select(l => Wrap(l, 16)).ToArray();
        plot.Axes.Bottom.SetTicks([.. positions], wrapped);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.MinimumSize = 24 + (16 * wrapped.Select(l => l.Split('\n').Length).DefaultIfEmpty(1).Max());

        plot.HideGrid();
        // Bars start at zero; the headroom keeps the value labels above the tallest bar inside the plot.
        plot.Axes.Margins(bottom: 0, top: 0.15);
        ShowLegend(plot, chart);
    }

    /// <summary>Breaks a label into lines of at most <paramref name="width"/> characters, at spaces.</summary>
    internal static string Wrap(string label, int width)
    {
        var lines = new List<string>();
        var line = string.Empty;
        foreach (var word in label.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : $"{line} {word}";
            }
        }

        lines.Add(line);
        return string.Join('\n', lines);
    }

    /// <summary>Outside the data area, so the legend never hides a line's end or the tallest bar.</summary>
    private static void ShowLegend(Plot plot, ChartBlock chart)
    {
        if (chart.Series.Count > 1)
        {
            plot.ShowLegend(Edge.Right);
        }
    }
}
