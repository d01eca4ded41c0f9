using System.Net.Http.Json;
using System.Text.Json;
using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.Framework.Load;

/// <summary>Reads a backend's <c>/debug/runtime</c> after a full GC, so its managed heap counts live objects only.</summary>
internal static class RuntimeProbe
{
    public static async Task<BackendMemory?> ReadAsync(ExperimentContext context, Uri backend, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = backend, Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            var json = await http.GetFromJsonAsync<JsonElement>("/debug/runtime?gc=true", cancellationToken);
            var memory = new BackendMemory(json.GetProperty("managed_heap_bytes").GetInt64(), json.GetProperty("working_set_bytes").GetInt64());
            context.Recorder.Record(new Observation(0, 0, ObservationKind.Http, string.Empty, Method: "GET", Url: new Uri(backend, "/debug/runtime?gc=true").ToString(), Status: 200, Body: json.GetRawText()));
            return memory;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException && !cancellationToken.IsCancellationRequested)
        {
            context.Recorder.Note(ObservationKind.Note, $"/debug/runtime on {backend} failed: {e.Message}");
            return null;
        }
    }
}

/// <summary>Managed heap (live objects after a full GC) and working set of one backend process.</summary>
internal sealed record BackendMemory(long ManagedHeapBytes, long WorkingSetBytes);
