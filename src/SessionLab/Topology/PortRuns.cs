using System.Globalization;

namespace SessionLab.Topology;

/// <summary>Ports as a reader scans them: consecutive ones joined into a range ("6441–6443 and 6451–6453").</summary>
internal static class PortRuns
{
    public static string Describe(IEnumerable<int> ports)
    {
        var runs = new List<string>();
        var sorted = ports.Distinct().Order().ToList();
        for (var i = 0; i < sorted.Count;)
        {
            var end = i;
            while (end + 1 < sorted.Count && sorted[end + 1] == sorted[end] + 1)
            {
                end++;
            }

            runs.Add(end == i ? sorted[i].ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{sorted[i]}–{sorted[end]}"));
            i = end + 1;
        }

        return runs.Count <= 1 ? string.Concat(runs) : $"{string.Join(", ", runs[..^1])} and {runs[^1]}";
    }
}
