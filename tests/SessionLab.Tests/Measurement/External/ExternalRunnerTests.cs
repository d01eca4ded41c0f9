using SessionLab.Measurement.External;
using SessionLab.Measurement.Processes;
using SessionLab.Tests.Measurement.Load;

namespace SessionLab.Tests.Measurement.External;

public sealed class ExternalRunnerTests(TinyServer server) : IClassFixture<TinyServer>
{
    [Fact]
    public async Task RunAsync_ToolMissing_SaysNotInstalledWithoutThrowing()
    {
        var ct = TestContext.Current.CancellationToken;
        var url = new Uri("http://127.0.0.1:1/");

        var wrk = await new WrkRunner("wrk-not-installed-anywhere").RunAsync(new WrkOptions { Url = url }, ct);
        var ab = await new AbRunner("/nowhere/ab").RunAsync(new AbOptions { Url = url }, ct);

        Assert.Equal(ExternalToolStatus.NotInstalled, wrk.Status);
        Assert.Equal(ExternalToolStatus.NotInstalled, ab.Status);
        Assert.Null(wrk.Report);
        Assert.Contains("not installed", ab.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_Wrk_FollowThePlanWithHeadersAndUrlLast()
    {
        var options = new WrkOptions
        {
            Url = new Uri("http://127.0.0.1:8080/profile"),
            Connections = 1,
            Threads = 2,
            Duration = TimeSpan.FromMilliseconds(2500),
            Headers = [new("Cookie", "session_id=abc")],
        };

        Assert.Equal(
            ["-t1", "-c1", "-d3s", "--latency", "-H", "Cookie: session_id=abc", "http://127.0.0.1:8080/profile"],
            WrkRunner.Arguments(options));
    }

    [Fact]
    public void Arguments_Ab_KeepAliveVariableLengthAndHeaders()
    {
        var options = new AbOptions
        {
            Url = new Uri("http://127.0.0.1:8080/profile"),
            Requests = 50,
            Concurrency = 100,
            Headers = [new("Authorization", "Bearer x.y.z")],
        };

        Assert.Equal(
            ["-n", "50", "-c", "50", "-k", "-l", "-H", "Authorization: Bearer x.y.z", "http://127.0.0.1:8080/profile"],
            AbRunner.Arguments(options));
    }

    [Fact]
    public async Task RunAsync_ToolOutlivesItsDeadline_IsKilledAndTimedOut()
    {
        var process = await ToolProcess.RunAsync("/bin/sleep", ["30"], TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);

        var run = ExternalToolRuns.From("sleep", "sleep 30", process, _ => "never");

        Assert.Null(process.ExitCode);
        Assert.Equal(ExternalToolStatus.TimedOut, run.Status);
    }

    [Fact]
    public async Task RunAsync_RealAb_ReadsItsReport()
    {
        var ab = new AbRunner();
        Assert.SkipUnless(ab.IsInstalled, "ab is not installed");

        var run = await ab.RunAsync(new AbOptions { Url = new Uri(server.BaseAddress, "/fail"), Requests = 40, Concurrency = 2 }, TestContext.Current.CancellationToken);

        Assert.Equal(ExternalToolStatus.Completed, run.Status);
        Assert.Equal(40, run.Report!.CompleteRequests);
        Assert.Equal(40, run.Report.Non2xxResponses);
        Assert.Equal(40, run.Report.KeepAliveRequests);
    }

    [Fact]
    public async Task RunAsync_RealWrk_ReadsItsReport()
    {
        var wrk = new WrkRunner();
        Assert.SkipUnless(wrk.IsInstalled, "wrk is not installed");

        // One connection to the 50 ms endpoint for a second: about 20 requests, nothing that loads the machine.
        var options = new WrkOptions { Url = new Uri(server.BaseAddress, "/slow"), Connections = 1, Threads = 1, Duration = TimeSpan.FromSeconds(1) };
        var run = await wrk.RunAsync(options, TestContext.Current.CancellationToken);

        Assert.Equal(ExternalToolStatus.Completed, run.Status);
        Assert.InRange(run.Report!.Requests, 1, 40);
        Assert.True(run.Report.LatencyAt(50) >= 45, $"P50 {run.Report.LatencyAt(50)} ms");
        Assert.Contains("--latency", run.CommandLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RealWrkAgainstClosedPort_FailsWithItsMessage()
    {
        var wrk = new WrkRunner();
        Assert.SkipUnless(wrk.IsInstalled, "wrk is not installed");

        var options = new WrkOptions { Url = new Uri($"http://127.0.0.1:{FreePort.Find()}/"), Connections = 1, Threads = 1, Duration = TimeSpan.FromSeconds(1) };
        var run = await wrk.RunAsync(options, TestContext.Current.CancellationToken);

        Assert.Equal(ExternalToolStatus.Failed, run.Status);
        Assert.Contains("Connection refused", run.Message, StringComparison.Ordinal);
    }
}
