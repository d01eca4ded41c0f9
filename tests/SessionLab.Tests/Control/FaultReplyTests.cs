using SessionLab.Control;

namespace SessionLab.Tests.Control;

public sealed class FaultReplyTests
{
    [Fact]
    public void Decode_OfEncode_KeepsExitCodeAndText()
    {
        var reply = new FaultReply(FaultReply.Failed, "error: No backend 'x'.\nsecond line");

        Assert.Equal(reply, FaultReply.Decode(reply.Encode() + "\n"));
    }

    [Fact]
    public void Decode_Gibberish_IsAFailure()
    {
        var reply = FaultReply.Decode("hello");

        Assert.Equal(FaultReply.Failed, reply.ExitCode);
        Assert.Contains("unexpected reply", reply.Text, StringComparison.Ordinal);
    }
}
