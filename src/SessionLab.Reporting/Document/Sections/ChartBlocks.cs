using SessionLab.Reporting.Analysis;
using SessionLab.Reporting.Localization;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Document.Sections;

/// <summary>
/// Turns an experiment's chart series into chart blocks: series named "prefix: target" (e.g. "latency: sticky") share
/// one chart, so the schemes are compared on the same axes.
/// </summary>
internal static class ChartBlocks
{
    public static IReadOnlyList<ChartBlock> From(ExperimentResult experiment, ReportText? text = null)
    {
        text ??= ReportText.For(ReportLanguage.English);
        var blocks = new List<ChartBlock>();
        foreach (var group in experiment.Charts.GroupBy(s => Prefix(s.Name), StringComparer.OrdinalIgnoreCase))
        {
            // Legends and point labels follow the language too; the ids in them (schemes, endpoints) stay as recorded.
            var series = group.Select(s => s with
            {
                Name = text.ChartTerm(Target(s.Name)),
                Points = [.. s.Points.Select(p => p.Label is { } label ? p with { Label = text.ChartTerm(label) } : p)],
            }).ToList();
            var first = series[0];
            var anchor = $"chart-{Anchors.Experiment(experiment.Id)}-{Slug(group.Key)}";
            var title = Title(group.Key, first, experiment.Id, text);
            var xLabel = text.ChartTerm(first.XLabel);
            var yLabel = text.ChartTerm(first.YLabel);
            // The axis labels are translated, so the renderer learns from the recorded label whether x is a percentile.
            blocks.Add(new ChartBlock(anchor, title, KindOf(group.Key, series), xLabel, yLabel, [.. series.Select(s => s with { XLabel = xLabel, YLabel = yLabel })])
            {
                PercentileAxis = first.XLabel.Equals("percentile", StringComparison.OrdinalIgnoreCase),
            });
        }

        return blocks;
    }

    /// <summary>
    /// "Errors per second: failed requests by second (6.1)"; when the axis already names the chart's subject ("TTL (s)"),
    /// saying it twice ("TTL: TTL (s)…") adds nothing, so the title is the axis alone.
    /// </summary>
    internal static string Title(string subject, ChartSeries first, string experimentId, ReportText? text = null)
    {
        text ??= ReportText.For(ReportLanguage.English);
        var axisNamesSubject = first.YLabel.StartsWith(subject, StringComparison.OrdinalIgnoreCase) || subject.StartsWith(first.YLabel, StringComparison.OrdinalIgnoreCase);
        return text.ChartTitle(text.ChartTerm(subject), text.ChartTerm(first.YLabel), text.ChartTerm(first.XLabel), experimentId, axisNamesSubject);
    }

    /// <summary>Lines for anything over a numeric axis (TTL over time, latency by percentile, throughput timeline); bars for per-scheme values.</summary>
    public static ChartKind KindOf(string name, IReadOnlyList<ChartSeries> series)
    {
        if (name.StartsWith("ttl", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("latency", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("throughput", StringComparison.OrdinalIgnoreCase))
        {
            return ChartKind.Line;
        }

        if (name.StartsWith("memory", StringComparison.OrdinalIgnoreCase))
        {
            return ChartKind.Bar;
        }

        return series.All(s => s.Points.All(p => p.Label is not null)) ? ChartKind.Bar : ChartKind.Line;
    }

    /// <summary>The subject a series shares its chart by ("latency" of "latency: sticky"), which the title names.</summary>
    internal static string Prefix(string name)
    {
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? name[..colon].Trim() : name;
    }

    private static string Target(string name)
    {
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? name[(colon + 1)..].Trim() : name;
    }

    private static string Slug(string text) =>
        new([.. text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
}
