using SessionLab.Topology.LoadBalancing.Yarp;
using Yarp.ReverseProxy.Forwarder;

namespace SessionLab.Tests.Topology.LoadBalancing;

public sealed class NginxPeerFailuresTests
{
    private static readonly TimeSpan FailTimeout = TimeSpan.FromSeconds(10);

    private static TimeSpan At(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void Record_MaxFailsOne_FirstFailureTakesOut()
    {
        var peer = new NginxPeerFailures(1, FailTimeout);

        Assert.False(peer.Record(failed: false, At(1)));
        Assert.True(peer.Record(failed: true, At(2)));
    }

    [Fact]
    public void Record_MaxFailsThree_ThirdFailureTakesOut()
    {
        var peer = new NginxPeerFailures(3, FailTimeout);

        Assert.False(peer.Record(failed: true, At(1)));
        Assert.False(peer.Record(failed: true, At(2)));
        Assert.True(peer.Record(failed: true, At(3)));
    }

    [Fact]
    public void Record_SuccessSoonAfterAFailure_DoesNotClearIt()
    {
        // nginx clears failures only on a success after the peer was re-checked, i.e. fail_timeout after the last failure.
        var peer = new NginxPeerFailures(2, FailTimeout);

        peer.Record(failed: true, At(100));
        peer.Record(failed: false, At(101));

        Assert.True(peer.Record(failed: true, At(102)));
    }

    [Fact]
    public void Record_SuccessAfterFailTimeout_ClearsFailures()
    {
        var peer = new NginxPeerFailures(2, FailTimeout);

        peer.Record(failed: true, At(100));
        peer.Record(failed: false, At(111));

        Assert.False(peer.Record(failed: true, At(112)));
    }

    [Fact]
    public void Record_ProbeAfterBeingTakenOutFails_TakesOutAgainAtOnce()
    {
        var peer = new NginxPeerFailures(3, FailTimeout);
        peer.Record(failed: true, At(100));
        peer.Record(failed: true, At(101));
        Assert.True(peer.Record(failed: true, At(102)));

        Assert.True(peer.Record(failed: true, At(113)));
    }

    [Fact]
    public void Record_MaxFailsZero_NeverTakesOut()
    {
        var peer = new NginxPeerFailures(0, FailTimeout);

        Assert.All(Enumerable.Range(1, 5), s => Assert.False(peer.Record(failed: true, At(s))));
    }

    [Theory]
    [InlineData(ForwarderError.Request, true)]
    [InlineData(ForwarderError.RequestTimedOut, true)]
    [InlineData(ForwarderError.RequestBodyDestination, true)]
    [InlineData(ForwarderError.RequestCanceled, false)]
    [InlineData(ForwarderError.RequestBodyClient, false)]
    [InlineData(ForwarderError.ResponseBodyClient, false)]
    [InlineData(ForwarderError.ResponseBodyDestination, false)]
    public void IsUpstreamFailure_ErrorKind_CountsLikeNginxErrorTimeout(ForwarderError error, bool expected) =>
        Assert.Equal(expected, NginxMaxFailsHealthPolicy.IsUpstreamFailure(error));

    [Fact]
    public void IsUpstreamFailure_NoError_IsNotAFailure() => Assert.False(NginxMaxFailsHealthPolicy.IsUpstreamFailure(null));
}
