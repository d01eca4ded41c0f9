using SessionLab.Topology;

namespace SessionLab.Tests.Topology;

public sealed class PortRunsTests
{
    [Theory]
    [InlineData(new int[0], "")]
    [InlineData(new[] { 6379 }, "6379")]
    [InlineData(new[] { 6453, 6441, 6442, 6443, 6451, 6452 }, "6441–6443 and 6451–6453")]
    [InlineData(new[] { 1, 3, 4, 6 }, "1, 3–4 and 6")]
    [InlineData(new[] { 5, 5, 6 }, "5–6")]
    public void Describe_JoinsConsecutivePortsIntoRanges(int[] ports, string expected) =>
        Assert.Equal(expected, PortRuns.Describe(ports));
}
