using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SessionLab.IntegrationTests.Support;
using SessionLab.Topology.Processes;

namespace SessionLab.IntegrationTests.Backend;

/// <summary>A backend's graceful stop: SIGTERM starts a drain (no new connections, open ones answered and closed), then it exits.</summary>
public sealed class ShutdownDrainTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task Sigterm_DuringTheDrain_RefusesNewConnectionsAndAnswersOpenOnesWithConnectionClose()
    {
        await using var backend = await BackendProcess.StartAsync("sticky", "server-1", Ct, "--drain-time", "5s");
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, UseCookies = false }) { BaseAddress = backend.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", Ct)).StatusCode);

        var stopped = Stopwatch.StartNew();
        Assert.True(NativeSignals.Terminate(backend.ProcessId));
        await WaitUntilRefusedAsync(backend.Port);

        // The kept-alive connection is still served: /health says it is draining, and the connection closes after the answer.
        using var health = await client.GetAsync("/health", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("draining", (await health.JsonAsync()).GetProperty("status").GetString());
        Assert.True(health.Headers.ConnectionClose, "the answer during the drain says Connection: close");
        Assert.False(backend.HasExited);

        await WaitForExitAsync(backend, TimeSpan.FromSeconds(30));
        Assert.True(stopped.Elapsed >= TimeSpan.FromSeconds(4), $"stopped after {stopped.Elapsed.TotalSeconds:0.000} s, before its 5 s drain");
        Assert.Contains("draining for 5 s", backend.Log, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Sigterm_NoDrain_ExitsAtOnceWithCodeZero()
    {
        await using var backend = await BackendProcess.StartAsync("sticky", "server-1", Ct, "--drain-time", "0s");

        var stopped = Stopwatch.StartNew();
        Assert.True(NativeSignals.Terminate(backend.ProcessId));
        await WaitForExitAsync(backend, TimeSpan.FromSeconds(30));

        Assert.True(stopped.Elapsed < TimeSpan.FromSeconds(20), $"stopped after {stopped.Elapsed.TotalSeconds:0.000} s");
        Assert.DoesNotContain("draining for", backend.Log, StringComparison.Ordinal);
    }

    private static async Task WaitUntilRefusedAsync(int port)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var probe = new TcpClient(AddressFamily.InterNetwork);
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, port, Ct);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                return;
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(4), "the backend still accepted new connections 4 s after SIGTERM");
            await Task.Delay(20, Ct);
        }
    }

    private static async Task WaitForExitAsync(BackendProcess backend, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!backend.HasExited)
        {
            Assert.True(deadline.Elapsed < timeout, $"the backend had not exited {timeout.TotalSeconds:0} s after SIGTERM");
            await Task.Delay(50, Ct);
        }
    }
}
