using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using SessionLab.IntegrationTests.Support;
using SessionLab.Topology.LoadBalancing;
using SessionLab.Topology.LoadBalancing.Nginx;
using SessionLab.Topology.LoadBalancing.Yarp;
using SessionLab.Topology.Processes;

namespace SessionLab.IntegrationTests.Topology;

/// <summary>
/// A backend stopped with SIGTERM behind a real balancer (nginx and YARP) while POST /login and GET /profile keep
/// coming: neither may reach a client as a 5xx or a broken connection. POSTs matter most, because neither balancer
/// retries them once sent, so a kept-alive upstream connection the backend closes under them surfaces as a 502.
/// </summary>
public sealed class GracefulShutdownThroughBalancerTests
{
    private const int Workers = 4;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // SIGTERM alone is not asserted here: with passive health checks only, a connection the balancer opened as the
    // backend stopped listening is reset, and a POST already sent on it is a 502 (about 1 run in 4 behind nginx).
    // Experiment 6.3 measures that procedure in every run and reports it as a finding.
    // Taken out of the balancer first, the backend gets no new connection, so none can wait in its accept queue.
    [Theory(Timeout = 180_000)]
    [InlineData("nginx")]
    [InlineData("yarp")]
    public Task DeregisterThenSigterm_PostsAndGetsUnderLoad_NoServerErrorReachesTheClients(string engine) =>
        RestartUnderLoadAsync(engine, deregister: true);

    private static async Task RestartUnderLoadAsync(string engine, bool deregister)
    {
        if (engine == "nginx")
        {
            NginxTestSupport.RequireNginx();
        }

        var folder = NginxTestSupport.NewRunFolder("graceful");
        var backends = new List<ManagedProcess>();
        try
        {
            var ports = NginxTestSupport.FreePorts(4);
            string[] ids = ["server-1", "server-2", "server-3"];
            var starting = ids.Select((id, i) => NginxTestSupport.StartStickyBackendAsync(id, ports[i], folder, Ct)).ToList();
            try
            {
                await Task.WhenAll(starting);
            }
            finally
            {
                backends.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            }

            // Round robin, so every worker's requests reach the stopping backend too.
            UpstreamGroup[] groups = [new("redis", NginxTestSupport.Loopback(ports[3]), BalancingPolicy.RoundRobin, [.. ports[..3].Select(NginxTestSupport.Loopback)])];
            ILoadBalancerEngine balancerEngine = engine == "nginx" ? new NginxLoadBalancerEngine() : new YarpLoadBalancerEngine();
            await using var balancer = await balancerEngine.StartAsync(groups, new PassiveHealthOptions(), folder, Ct);

            var failures = new ConcurrentQueue<string>();
            var counts = new ConcurrentDictionary<string, int>();
            using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            var load = Enumerable.Range(0, Workers)
                .Select(w => Task.Run(() => WorkAsync(new Uri($"http://127.0.0.1:{ports[3]}"), w, counts, failures, stopLoad.Token), Ct))
                .ToList();

            await Task.Delay(500, Ct);
            if (deregister)
            {
                await balancer.SetInRotationAsync(NginxTestSupport.Loopback(ports[0]), false, Ct);
                await Task.Delay(500, Ct);
            }

            TestContext.Current.SendDiagnosticMessage($"SIGTERM at {DateTime.Now:HH:mm:ss.fff}");
            var stop = Stopwatch.StartNew();
            await backends[0].StopAsync(TimeSpan.FromSeconds(10));
            var stopTook = stop.Elapsed;
            await Task.Delay(1000, Ct);
            await stopLoad.CancelAsync();
            await Task.WhenAll(load);

            var summary = $"{engine}: {string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} ×{c.Value}"))}; stop took {stopTook.TotalSeconds:0.000} s; failures: {string.Join(" | ", failures.Take(10))}";
            summary += BalancerErrors(folder) + Environment.NewLine + File.ReadAllText(Path.Combine(folder, "server-1.log"));
            TestContext.Current.SendDiagnosticMessage(summary);
            Assert.True(counts.Keys.Any(k => k.StartsWith("POST 200", StringComparison.Ordinal)), summary);
            // An nginx reload (the deregistration) closes its old workers' idle client connections; a client that has
            // just written a request on one sees the response end or the connection reset. That is the client-to-nginx
            // hop, not the backend's, and no status was given: a 5xx still fails the test.
            var allowed = deregister && engine == "nginx" ? failures.Where(f => !f.Contains(" HttpRequestException:", StringComparison.Ordinal) && !f.Contains(" HttpIOException:", StringComparison.Ordinal)) : failures;
            Assert.True(!allowed.Any(), summary);
            Assert.True(backends[0].HasExited, summary);
            Assert.Equal(0, backends[0].ExitCode);
        }
        finally
        {
            foreach (var backend in backends)
            {
                await backend.DisposeAsync();
            }

            NginxBackendsFixture.TryDelete(folder);
        }
    }

    /// <summary>What the balancer logged about its upstreams (nginx's error log, YARP's log), for the failure message.</summary>
    private static string BalancerErrors(string folder)
    {
        var lines = Directory.EnumerateFiles(folder, "*.log", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith("server-", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select(l => $"{Path.GetFileName(f)}: {l}"))
            .Where(l => l.Contains("[error]", StringComparison.Ordinal) || l.Contains(" error=", StringComparison.Ordinal))
            .Take(12);
        return $"{Environment.NewLine}balancer log:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
    }

    /// <summary>One worker, one keep-alive client: POST /login and GET /profile in turn until stopped.</summary>
    private static async Task WorkAsync(Uri balancer, int worker, ConcurrentDictionary<string, int> counts, ConcurrentQueue<string> failures, CancellationToken stop)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, UseProxy = false }) { BaseAddress = balancer, Timeout = TimeSpan.FromSeconds(10) };
        var body = Encoding.UTF8.GetBytes($$"""{"username":"drain-{{worker}}","password":"123456"}""");
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            using var request = i % 2 == 0
                ? new HttpRequestMessage(HttpMethod.Post, "/login") { Content = new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json" } } } }
                : new HttpRequestMessage(HttpMethod.Get, "/profile");
            var method = request.Method.Method;
            string outcome;
            try
            {
                using var response = await client.SendAsync(request, CancellationToken.None);
                var text = await response.Content.ReadAsStringAsync(CancellationToken.None);
                outcome = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (response.StatusCode >= HttpStatusCode.InternalServerError)
                {
                    failures.Enqueue($"{method} {outcome} {text}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                outcome = e.GetType().Name;
                failures.Enqueue($"{method} {e.GetType().Name}: {e.Message} {e.InnerException?.Message}");
            }

            counts.AddOrUpdate($"{method} {outcome}", 1, (_, n) => n + 1);
        }
    }
}
