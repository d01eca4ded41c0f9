using System.Net;
using System.Net.Sockets;
using SessionLab.Measurement.Load;

namespace SessionLab.Tests.Measurement.Load;

public sealed class InlineCompletionsTests
{
    [Fact]
    public void TryPrefer_OnLinux_TheRuntimeTakesIt()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the per-socket switch is the Unix socket engine's");
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);

        // If a runtime update drops the internal switch, the generator still works (thread-pool completions) but costs
        // about a quarter more CPU per request: this says so instead of letting 4.2's generator figure drift silently.
        Assert.True(InlineCompletions.TryPrefer(socket), "Socket.PreferInlineCompletions is gone from this runtime: update InlineCompletions.");
    }

    [Fact]
    public async Task ConnectAsync_InlineCompletions_ConnectsAndCarriesBytes()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken);

        await using var stream = await SourceAddressConnector.ConnectAsync(null, new DnsEndPoint("127.0.0.1", port), inlineCompletions: true, TestContext.Current.CancellationToken);
        using var server = await accepted;
        await server.GetStream().WriteAsync("pong"u8.ToArray(), TestContext.Current.CancellationToken);
        var buffer = new byte[4];
        await stream.ReadExactlyAsync(buffer, TestContext.Current.CancellationToken);

        Assert.Equal("pong"u8.ToArray(), buffer);
    }
}
