namespace SessionLab.Reporting.Exporters;

/// <summary>The one list of report formats: <c>sessionlab run</c> and <c>sessionlab report</c> both write every one.</summary>
public static class ReportExporters
{
    public static IReadOnlyList<IExporter> All() => [new MarkdownExporter(), new HtmlExporter(), new ChartFilesExporter()];

    public static CompositeExporter Composite() => new(All());
}
