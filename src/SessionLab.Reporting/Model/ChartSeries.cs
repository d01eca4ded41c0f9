namespace SessionLab.Reporting.Model;

/// <summary>Data for a chart (e.g. TTL over time in 2.2): the report draws it, the experiment only measures it.</summary>
public sealed record ChartSeries(string Name, string XLabel, string YLabel, IReadOnlyList<ChartPoint> Points)
{
    /// <summary>When a fault was in force, on the chart's x axis: the report shades these (empty in older results).</summary>
    public IReadOnlyList<FaultWindow> FaultWindows { get => field ?? []; init; } = [];
}

public sealed record ChartPoint(double X, double Y, string? Label = null);

/// <summary>A fault in force from <paramref name="From"/> to <paramref name="To"/> (x-axis units), and what it was.</summary>
public sealed record FaultWindow(double From, double To, string Label);
