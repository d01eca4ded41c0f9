using System.Net;
using SessionLab.Topology.LoadBalancing.Yarp;

namespace SessionLab.Tests.Topology.LoadBalancing;

public sealed class NginxIpHashTests
{
    private static readonly bool[] ThreeUp = [true, true, true];

    // Expected indexes worked by hand from nginx's loop: hash = 89; for each byte: hash = (hash * 113 + byte) % 6271;
    // index = hash % 3. IPv4 hashes only its first three octets.
    //   127.0.0.1:    (89*113+127)%6271 = 3913; (3913*113+0)%6271 = 3199; (3199*113+0)%6271 = 4040; 4040 % 3 = 2
    //   192.168.1.10: (89*113+192)%6271 = 3978; (3978*113+168)%6271 = 4441; (4441*113+1)%6271 = 154;  154 % 3 = 1
    //   10.0.0.1:     (89*113+10)%6271 = 3796;  (3796*113+0)%6271 = 2520;  (2520*113+0)%6271 = 2565; 2565 % 3 = 0
    [Theory]
    [InlineData("127.0.0.1", 2)]
    [InlineData("192.168.1.10", 1)]
    [InlineData("10.0.0.1", 0)]
    public void PickIndex_AllUp_GivesTheIndexNginxComputes(string client, int expected) =>
        Assert.Equal(expected, NginxIpHash.PickIndex(IPAddress.Parse(client), ThreeUp));

    [Fact]
    public void PickIndex_ClientsInTheSameSlash24_SameIndex()
    {
        var first = NginxIpHash.PickIndex(IPAddress.Parse("127.5.5.1"), ThreeUp);

        for (var last = 2; last < 255; last++)
        {
            Assert.Equal(first, NginxIpHash.PickIndex(IPAddress.Parse($"127.5.5.{last}"), ThreeUp));
        }
    }

    [Fact]
    public void PickIndex_ManySlash24s_ReachEveryBackend()
    {
        var indexes = Enumerable.Range(1, 30).Select(n => NginxIpHash.PickIndex(IPAddress.Parse($"127.{n}.1.1"), ThreeUp)).ToHashSet();

        Assert.Equal([0, 1, 2], indexes.Order());
    }

    [Fact]
    public void PickIndex_IPv4MappedToIPv6_SameAsIPv4()
    {
        var mapped = IPAddress.Parse("::ffff:192.168.1.10");

        Assert.Equal(1, NginxIpHash.PickIndex(mapped, ThreeUp));
    }

    // A miss keeps hashing the same three bytes into the running value (nginx does not restart from 89):
    //   round 2: (4040*113+127)%6271 = 5135; (5135*113)%6271 = 3323; (3323*113)%6271 = 5510; 5510 % 3 = 2, down again
    //   round 3: (5510*113+127)%6271 = 1928; (1928*113)%6271 = 4650; (4650*113)%6271 = 4957; 4957 % 3 = 1
    [Theory]
    [InlineData(true, true, false, 1)]
    [InlineData(false, true, false, 1)]
    public void PickIndex_HashedBackendDown_ContinuesTheHashSequence(bool first, bool second, bool third, int expected) =>
        Assert.Equal(expected, NginxIpHash.PickIndex(IPAddress.Parse("127.0.0.1"), [first, second, third]));

    // With only server-1 up, rounds 1-3 give 2, 2, 1 and round 4 gives (4957*113+127)%6271 = 2149;
    // (2149*113)%6271 = 4539; (4539*113)%6271 = 4956; 4956 % 3 = 0.
    [Fact]
    public void PickIndex_OnlyFirstUp_FoundOnTheFourthRound() =>
        Assert.Equal(0, NginxIpHash.PickIndex(IPAddress.Parse("127.0.0.1"), [true, false, false]));

    [Fact]
    public void PickIndex_EveryBackendDown_FallsBackToRoundRobinAfterTwentyOneMisses() =>
        Assert.Equal(NginxIpHash.RoundRobinFallback, NginxIpHash.PickIndex(IPAddress.Parse("127.0.0.1"), [false, false, false]));

    [Fact]
    public void PickIndex_OneBackend_RoundRobinAsNginxDoes() =>
        Assert.Equal(NginxIpHash.RoundRobinFallback, NginxIpHash.PickIndex(IPAddress.Parse("127.0.0.1"), [true]));

    // IPv6 hashes all sixteen bytes (::1 is fifteen zeros then 1; the same loop gives 5945, and 5945 % 3 = 2), so
    // addresses differing only in the last byte can part, unlike IPv4 clients in one /24.
    [Fact]
    public void PickIndex_IPv6_HashesAllSixteenBytes()
    {
        Assert.Equal(2, NginxIpHash.PickIndex(IPAddress.IPv6Loopback, ThreeUp));
        Assert.NotEqual(
            NginxIpHash.PickIndex(IPAddress.Parse("2001:db8::1"), [true, true, true, true, true, true, true]),
            NginxIpHash.PickIndex(IPAddress.Parse("2001:db8::2"), [true, true, true, true, true, true, true]));
    }

    [Fact]
    public void PickIndex_UnknownClient_HashesThreeZeroBytesLikeNginx() =>
        Assert.Equal(NginxIpHash.PickIndex(IPAddress.Parse("0.0.0.9"), ThreeUp), NginxIpHash.PickIndex(null, ThreeUp));
}
