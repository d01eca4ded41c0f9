using System.Globalization;

namespace SessionLab.Topology.Stores.Cluster;

/// <summary>
/// One node's line of <c>CLUSTER NODES</c>: its id, port, whether it is a primary, whether the cluster flags it failed,
/// the id of the primary it replicates (replicas), and the slot ranges it serves (primaries).
/// </summary>
internal sealed record ClusterNodeLine(string Id, int Port, bool IsPrimary, bool IsFailed, string? PrimaryId, IReadOnlyList<(int From, int To)> Slots)
{
    /// <summary>How many slots the node serves.</summary>
    public int SlotCount => Slots.Sum(s => s.To - s.From + 1);

    /// <summary>"0-5460", or "none".</summary>
    public string SlotText => Slots.Count == 0
        ? "no slots"
        : "slots " + string.Join(",", Slots.Select(s => s.From == s.To ? s.From.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{s.From}-{s.To}")));

    /// <summary>Whether the node serves <paramref name="slot"/>.</summary>
    public bool Serves(int slot) => Slots.Any(s => slot >= s.From && slot <= s.To);
}

/// <summary>The cluster as one node sees it (<c>CLUSTER NODES</c>, parsed): pure, so it is unit-tested on canned text.</summary>
internal sealed record ClusterView(IReadOnlyList<ClusterNodeLine> Nodes)
{
    /// <summary>
    /// Parses lines like <c>07c37… 127.0.0.1:30004@31004 slave e7d1… 0 1426238317239 4 connected</c> and
    /// <c>67ed2… 127.0.0.1:30002@31002 master - 0 1426238316232 2 connected 5461-10922</c>; migrating-slot entries
    /// (<c>[93-&lt;-…]</c>) are skipped, since the lab never moves slots.
    /// </summary>
    public static ClusterView Parse(string text)
    {
        var nodes = new List<ClusterNodeLine>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 8)
            {
                continue;
            }

            var address = fields[1].Split('@')[0];
            if (!int.TryParse(address[(address.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture, out var port))
            {
                continue;
            }

            var flags = fields[2].Split(',');
            var slots = new List<(int, int)>();
            foreach (var range in fields.Skip(8).Where(f => !f.StartsWith('[')))
            {
                var ends = range.Split('-');
                if (int.TryParse(ends[0], CultureInfo.InvariantCulture, out var from)
                    && int.TryParse(ends[^1], CultureInfo.InvariantCulture, out var to))
                {
                    slots.Add((from, to));
                }
            }

            nodes.Add(new ClusterNodeLine(
                fields[0],
                port,
                flags.Contains("master"),
                flags.Contains("fail"),
                fields[3] == "-" ? null : fields[3],
                slots));
        }

        return new ClusterView(nodes);
    }

    /// <summary>The node on <paramref name="port"/>, if the view has it.</summary>
    public ClusterNodeLine? At(int port) => Nodes.FirstOrDefault(n => n.Port == port);

    /// <summary>The primaries serving slots, lowest slot first: the shards.</summary>
    public IReadOnlyList<ClusterNodeLine> Shards => [.. Nodes.Where(n => n.IsPrimary && !n.IsFailed && n.Slots.Count > 0).OrderBy(n => n.Slots.Min(s => s.From))];

    /// <summary>The primary <paramref name="replica"/> replicates, if the view knows it.</summary>
    public ClusterNodeLine? PrimaryOf(ClusterNodeLine replica) => replica.PrimaryId is { } id ? Nodes.FirstOrDefault(n => n.Id == id) : null;

    /// <summary>The shard (primary) serving <paramref name="slot"/>, if any live primary does.</summary>
    public ClusterNodeLine? ShardOf(int slot) => Shards.FirstOrDefault(n => n.Serves(slot));
}
