using System.Text;
using SessionLab.Topology.Stores;
using SessionLab.Topology.Stores.Sentinel;

namespace SessionLab.Tests.Topology.Stores;

public sealed class RespClientTests
{
    [Fact]
    public void Encode_AnArrayOfBulkStrings()
    {
        Assert.Equal("*2\r\n$4\r\nINFO\r\n$11\r\nreplication\r\n", Encoding.UTF8.GetString(RespClient.Encode(["INFO", "replication"])));
    }

    [Theory]
    [InlineData("+PONG\r\n", "PONG")]
    [InlineData("$5\r\nhello\r\n", "hello")]
    [InlineData(":42\r\n", 42L)]
    public void Read_Scalars(string reply, object expected) => Assert.Equal(expected, Read(reply));

    [Fact]
    public void Read_NilAndArrays()
    {
        Assert.Null(Read("$-1\r\n"));
        Assert.Null(Read("*-1\r\n"));
        Assert.Equal(new object?[] { "127.0.0.1", "6442" }, Read("*2\r\n$9\r\n127.0.0.1\r\n$4\r\n6442\r\n"));
    }

    [Fact]
    public void Read_ErrorReply_Throws() =>
        Assert.Equal("ERR unknown command", Assert.Throws<RespErrorException>(() => Read("-ERR unknown command\r\n")).Message);

    [Fact]
    public void Fields_APairedArray_AsADictionary()
    {
        var fields = SentinelStore.Fields(new object?[] { "name", "sessionlab", "flags", "master", "num-other-sentinels", "2" });

        Assert.Equal("master", fields["flags"]);
        Assert.Equal("2", fields["num-other-sentinels"]);
    }

    [Fact]
    public void Announcement_NewPrimaryPort_IsTheLastWord() =>
        Assert.Equal(6442, new FailoverAnnouncement("sessionlab 127.0.0.1 6441 127.0.0.1 6442", 0).NewPrimaryPort);

    private static object? Read(string reply) => RespClient.Read(new MemoryStream(Encoding.UTF8.GetBytes(reply)));
}
