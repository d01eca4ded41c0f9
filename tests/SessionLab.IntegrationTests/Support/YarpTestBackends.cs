using System.Globalization;
using System.Net;
using SessionLab.Topology.Processes;

namespace SessionLab.IntegrationTests.Support;

/// <summary>Real <c>sessionlab serve --scheme sticky</c> backends (server-1 … server-N) on free ports, killed on dispose.</summary>
internal sealed class YarpTestBackends : IAsyncDisposable
{
    private readonly List<ManagedProcess> _processes = [];

    private YarpTestBackends(DirectoryInfo folder) => Folder = folder;

    /// <summary>A temporary folder for logs (backends', the load balancer's), deleted on dispose.</summary>
    public DirectoryInfo Folder { get; }

    public IReadOnlyList<ManagedProcess> Processes => _processes;

    public IReadOnlyList<IPEndPoint> Endpoints { get; private set; } = [];

    public static async Task<YarpTestBackends> StartAsync(int count, CancellationToken cancellationToken)
    {
        var backends = new YarpTestBackends(Directory.CreateTempSubdirectory("sessionlab-yarp-"));
        try
        {
            var endpoints = new List<IPEndPoint>();
            for (var i = 1; i <= count; i++)
            {
                var port = YarpTestSupport.FreePort();
                var id = $"server-{i}";
                var spec = SelfLauncher.Command(
                [
                    "serve", "--scheme", "sticky", "--port", port.ToString(CultureInfo.InvariantCulture), "--server-id", id,
                    "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
                ]);
                backends._processes.Add(ManagedProcess.Start(id, spec, Path.Combine(backends.Folder.FullName, $"{id}.log")));
                endpoints.Add(new IPEndPoint(IPAddress.Loopback, port));
            }

            backends.Endpoints = endpoints;
            using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            for (var i = 0; i < count; i++)
            {
                var port = endpoints[i].Port;
                await backends._processes[i].WaitUntilReadyAsync(
                    async ct =>
                    {
                        using var reply = await probe.GetAsync(new Uri($"http://127.0.0.1:{port}/health"), ct);
                        return reply.IsSuccessStatusCode;
                    },
                    TimeSpan.FromSeconds(30),
                    cancellationToken);
            }

            return backends;
        }
        catch
        {
            await backends.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        try
        {
            Folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A log still held open somewhere; the OS cleans temp eventually.
        }
    }
}
