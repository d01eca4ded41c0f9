namespace SessionLab.Reporting.Model;

/// <summary>Data for a chart (e.g. TTL over time in 2.2): the report draws it, the experiment only measures it.</summary>
public sealed record ChartSeries(string Name, string XLabel, string YLabel, IReadOnlyList<ChartPoint> Points);

public sealed record ChartPoint(double X, double Y, string? Label = null);
