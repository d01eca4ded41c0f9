using System.Diagnostics;
using SessionLab.Measurement.Load;

namespace SessionLab.Experiments.Framework;

/// <summary>One GET timed by the experiment itself and not recorded as an observation (series of hundreds of samples).</summary>
internal static class TimedGet
{
    /// <summary>GET of the template's path with its headers: the status (0 for no reply) and the milliseconds to the whole body.</summary>
    public static async Task<(int Status, double Ms)> SendAsync(HttpClient http, RequestTemplate template, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, template.Path);
        foreach (var (name, value) in template.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return ((int)response.StatusCode, watch.Elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (0, watch.Elapsed.TotalMilliseconds);
        }
    }
}
