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
                FaultWindows = [.. s.FaultWindows.Select(w => w with { Label = text.FaultLabel(w.Label) })],
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
                MoreFaultsLabel = text.MoreFaultsLabel,
            });
        }

        return blocks;
    }

    /// <summary>
    /// "Errors per second: failed requests by second (6.1)"; when the subject and the y axis name the same quantity, one
    /// within the other ("ttl" and "TTL (s)", "median latency vs store delay" and "median latency (ms)"), saying it twice
    /// ("Median latency vs store delay: median latency (ms) by…") adds nothing, so the title is the axes alone.
    /// </summary>
    internal static string Title(string subject, ChartSeries first, string experimentId, ReportText? text = null)
    {
        text ??= ReportText.For(ReportLanguage.English);
        var quantity = Quantity(first.YLabel);
        var axisNamesSubject = ContainsPhrase(subject, quantity) || ContainsPhrase(quantity, subject);
        return text.ChartTitle(text.ChartTerm(subject), text.ChartTerm(first.YLabel), text.ChartTerm(first.XLabel), experimentId, axisNamesSubject);
    }

    /// <summary>An axis label without its unit: "median latency (ms)" → "median latency".</summary>
    private static string Quantity(string label)
    {
        var unit = label.LastIndexOf(" (", StringComparison.Ordinal);
        return unit > 0 && label.EndsWith(')') ? label[..unit].Trim() : label.Trim();
    }

    /// <summary>Whether <paramref name="phrase"/> occurs in <paramref name="text"/> as whole words ("latency" is in "median latency", not in "latencyless").</summary>
    private static bool ContainsPhrase(string text, string phrase)
    {
        if (phrase.Length == 0)
        {
            return false;
        }

        for (var at = text.IndexOf(phrase, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + phrase.Length;
            if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end])))
            {
                return true;
            }
        }

        return false;
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
