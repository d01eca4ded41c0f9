using System.Globalization;
using System.Text.RegularExpressions;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Analysis;

/// <summary>
/// Finds figures in an experiment's tables by column name, not by position, so a new column in an experiment does not
/// silently shift what the report shows.
/// </summary>
internal static partial class TableLookup
{
    /// <summary>The first table that has every one of the columns (case-insensitive), or null.</summary>
    public static ResultTable? FindTable(ExperimentResult? experiment, params string[] columns) =>
        experiment?.Tables.FirstOrDefault(t => columns.All(c => Column(t, c) >= 0));

    /// <summary>The index of the first column equal to, or starting with, <paramref name="name"/>; -1 when absent.</summary>
    public static int Column(ResultTable table, string name)
    {
        for (var i = 0; i < table.Columns.Count; i++)
        {
            if (string.Equals(table.Columns[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        for (var i = 0; i < table.Columns.Count; i++)
        {
            if (table.Columns[i].StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The cell of a row in a column, or null when the row is short.</summary>
    public static string? Cell(IReadOnlyList<string> row, int column) => column >= 0 && column < row.Count ? row[column] : null;

    /// <summary>The leading number of a cell ("6,956", "246 B", "+47.2 %"), or null when it does not start with one.</summary>
    public static double? Number(string? cell)
    {
        if (cell is null)
        {
            return null;
        }

        var match = LeadingNumber().Match(cell);
        return match.Success && double.TryParse(match.Value.Replace(",", string.Empty, StringComparison.Ordinal).Replace('−', '-'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    [GeneratedRegex(@"^\s*[+\-−]?\d[\d,]*(\.\d+)?")]
    private static partial Regex LeadingNumber();
}
