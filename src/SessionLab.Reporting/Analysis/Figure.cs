namespace SessionLab.Reporting.Analysis;

/// <summary>A measured number with the text the report shows for it (the experiment's own formatting where it has one).</summary>
internal sealed record Figure(double Value, string Text);
