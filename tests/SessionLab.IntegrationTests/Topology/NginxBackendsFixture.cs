using SessionLab.IntegrationTests.Support;
using SessionLab.Topology.Processes;

namespace SessionLab.IntegrationTests.Topology;

/// <summary>Three real sticky backends (server-1..3) on free ports, started once for the nginx tests that only read from them.</summary>
public sealed class NginxBackendsFixture : IAsyncLifetime
{
    private readonly List<ManagedProcess> _backends = [];

    public string LogFolder { get; } = NginxTestSupport.NewRunFolder("backends");

    public IReadOnlyList<int> Ports { get; private set; } = [];

    public IReadOnlyList<string> ServerIds { get; } = ["server-1", "server-2", "server-3"];

    public async ValueTask InitializeAsync()
    {
        Ports = NginxTestSupport.FreePorts(ServerIds.Count);
        var starting = ServerIds.Select((id, i) => NginxTestSupport.StartStickyBackendAsync(id, Ports[i], LogFolder, TestContext.Current.CancellationToken)).ToList();
        try
        {
            await Task.WhenAll(starting);
        }
        finally
        {
            _backends.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var backend in _backends)
        {
            await backend.DisposeAsync();
        }

        TryDelete(LogFolder);
    }

    internal static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A log still held open; the temp folder is cleaned eventually anyway.
        }
    }
}
