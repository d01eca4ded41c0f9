using SessionLab.Reporting.Localization;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Document;

/// <summary>
/// The report as structure, independent of format: <see cref="Reporting"/>'s builder fills it from a <see cref="RunResult"/>,
/// and each exporter (Markdown, HTML) only renders it, so both formats always say the same thing.
/// </summary>
public sealed record ReportDocument(string Title, string Subtitle, IReadOnlyList<ReportSection> Sections)
{
    /// <summary>The language every text of the document is in: exporters declare it and label their own chrome in it.</summary>
    public ReportLanguage Language { get; init; } = ReportLanguage.English;
}

/// <summary>A numbered section of the plan's template, e.g. (2) key findings; <see cref="Anchor"/> is its link target.</summary>
public sealed record ReportSection(string Anchor, string Heading, IReadOnlyList<ReportBlock> Blocks);

/// <summary>One piece of a section, in order.</summary>
public abstract record ReportBlock;

/// <summary>A sub-heading inside a section (e.g. one experiment), with its own link target.</summary>
public sealed record HeadingBlock(string Anchor, string Text) : ReportBlock;

/// <summary>A paragraph. Text may contain links written as <c>[label](#anchor)</c>; renderers turn them into links.</summary>
public sealed record ParagraphBlock(string Text) : ReportBlock;

/// <summary>A bullet list; items may contain links like paragraphs.</summary>
public sealed record ListBlock(IReadOnlyList<string> Items) : ReportBlock;

/// <summary>A table; cells may contain links like paragraphs.</summary>
public sealed record TableBlock(string? Caption, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows) : ReportBlock;

/// <summary>Verdicts of one experiment: hypothesis, verdict, evidence.</summary>
public sealed record VerdictsBlock(IReadOnlyList<HypothesisVerdict> Verdicts) : ReportBlock;

/// <summary>A chart: one or more series on shared axes. HTML draws it (SVG); Markdown shows it as a small table or an image link.</summary>
public sealed record ChartBlock(string Anchor, string Title, ChartKind Kind, string XLabel, string YLabel, IReadOnlyList<ChartSeries> Series) : ReportBlock
{
    /// <summary>Whether x is a percentile (drawn on a "nines" scale); typed, because the axis label is in the report's language.</summary>
    public bool PercentileAxis { get; init; }

    /// <summary>How a shaded fault window standing for several runs is named: <c>{0}</c> the first fault, <c>{1}</c> how many more runs.</summary>
    public string MoreFaultsLabel { get; init; } = Charts.FaultWindowShading.MoreRunsEnglish;
}

/// <summary>How a chart is drawn.</summary>
public enum ChartKind
{
    /// <summary>Lines over a numeric x (TTL over time, latency by percentile, throughput timeline).</summary>
    Line,

    /// <summary>Bars, one per point, labelled with the point's label (QPS per scheme, memory per session).</summary>
    Bar,
}
