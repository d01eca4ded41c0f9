using System.Globalization;
using System.Text.RegularExpressions;
using SessionLab.Topology;
using SessionLab.Topology.Stores.Cluster;
using SessionLab.Topology.Stores.Sentinel;

namespace SessionLab.Tests.Topology;

public sealed partial class TopologyPortsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(300)]
    public void Ranges_NameEveryPortTheLabCanTake(int offset)
    {
        var ports = new TopologyPorts(offset);
        var named = Named(ports.Ranges);
        var taken = ports.All(includeStore: true, includeBaselines: true)
            .Concat(ports.Extras())
            .Concat(new SentinelEngine().Ports(ports))
            .Concat(new ClusterEngine().Ports(ports));

        Assert.All(taken, port => Assert.Contains(named, r => port >= r.Low && port <= r.High));
    }

    [Fact]
    public void Ranges_PlanPorts()
    {
        Assert.Equal(
            "8080–8139 and 6379–6388; with --redis sentinel 6441–6443 and 6451–6453; with --redis cluster 6461–6466 and bus ports 16461–16466",
            new TopologyPorts().Ranges);
    }

    private static List<(int Low, int High)> Named(string ranges) =>
        [.. Range().Matches(ranges).Select(m => (Parse(m.Groups["low"].Value), m.Groups["high"].Success ? Parse(m.Groups["high"].Value) : Parse(m.Groups["low"].Value)))];

    private static int Parse(string digits) => int.Parse(digits, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?<low>\d+)(?:–(?<high>\d+))?")]
    private static partial Regex Range();
}
