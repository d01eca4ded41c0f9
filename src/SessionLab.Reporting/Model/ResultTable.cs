namespace SessionLab.Reporting.Model;

/// <summary>A table of the plan, filled with measured values.</summary>
public sealed record ResultTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);
