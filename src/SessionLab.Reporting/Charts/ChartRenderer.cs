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
    private const string FontName = "DejaVu Sans";

    public static string RenderSvg(ChartBlock chart, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var plot = new Plot();
        try
        {
            // ScottPlot's own "sans" lookup falls back to DejaVu Serif on Debian; name the font the CI image installs.
            plot.Font.Set(FontName);
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
            return plot.GetSvgXml(width, height);
        }
        finally
        {
            plot.Dispose();
        }
    }

    private static void AddLines(Plot plot, ChartBlock chart)
    {
        foreach (var series in chart.Series)
        {
            var xs = series.Points.Select(p => p.X).ToArray();
            var ys = series.Points.Select(p => p.Y).ToArray();
            var scatter = plot.Add.ScatterLine(xs, ys);
            scatter.LegendText = series.Name;
            scatter.LineWidth = 2;
            scatter.MarkerSize = series.Points.Count <= 30 ? 5 : 0;
        }

        ShowLegend(plot, chart);
    }

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
                    Label = point.Y.ToString("G4", CultureInfo.InvariantCulture),
                });
                positions.Add(position);
                labels.Add(point.Label ?? series.Name);
                position++;
            }

            var barPlot = plot.Add.Bars(bars);
            barPlot.LegendText = series.Name;
            barPlot.ValueLabelStyle.FontSize = 12;
        }

        plot.Axes.Bottom.SetTicks([.. positions], [.. labels]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.HideGrid();
        // Bars start at zero; the headroom keeps the value labels above the tallest bar inside the plot.
        plot.Axes.Margins(bottom: 0, top: 0.15);
        ShowLegend(plot, chart);
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
