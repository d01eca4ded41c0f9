using SessionLab.Topology.Stores.Cluster;

namespace SessionLab.Tests.Topology.Stores.Cluster;

public sealed class HashSlotTests
{
    [Theory]
    // CRC16/XMODEM's check value ("123456789" → 0x31C3) and slots from the Redis documentation (CLUSTER KEYSLOT, redirects).
    [InlineData("123456789", 0x31C3 % 16384)]
    [InlineData("foo", 12182)]
    [InlineData("bar", 5061)]
    [InlineData("somekey", 11058)]
    [InlineData("foo{hash_tag}", 2515)]
    [InlineData("bar{hash_tag}", 2515)]
    public void Of_KnownKeys_TheirClusterSlot(string key, int slot) => Assert.Equal(slot, HashSlot.Of(key));

    [Fact]
    public void Of_EmptyTag_HashesTheWholeKey() => Assert.NotEqual(HashSlot.Of("foo"), HashSlot.Of("{}foo"));

    [Fact]
    public void Of_TagOnlyTheFirstBraces() => Assert.Equal(HashSlot.Of("bar"), HashSlot.Of("foo{bar}{zap}"));
}
