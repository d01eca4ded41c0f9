using System.Diagnostics;
using System.Net;

namespace SessionLab.IntegrationTests.Support;

/// <summary>Polls a request every 100 ms until it answers as wanted or a limit passes (a failover takes seconds).</summary>
internal static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Until <paramref name="request"/> answers <paramref name="wanted"/> (or <paramref name="within"/> passes); returns the last status.</summary>
    public static async Task<HttpStatusCode> StatusAsync(Func<Task<HttpResponseMessage>> request, HttpStatusCode wanted, TimeSpan within, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        HttpStatusCode last;
        do
        {
            using var response = await request();
            last = response.StatusCode;
            if (last == wanted)
            {
                break;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
        while (watch.Elapsed < within);
        return last;
    }

    /// <summary>Until <paramref name="request"/> answers 2xx (or <paramref name="within"/> passes); returns that (or the last) response.</summary>
    public static async Task<HttpResponseMessage> SuccessAsync(Func<Task<HttpResponseMessage>> request, TimeSpan within, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var response = await request();
            if (response.IsSuccessStatusCode || watch.Elapsed > within)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}
