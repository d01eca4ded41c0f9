using System.Net.Http.Json;
using System.Text.Json;

namespace SessionLab.Experiments.Framework.Load;

/// <summary>
/// Creates many sessions fast (10,000 logins) without recording each exchange: a run's results.json keeps one summary
/// observation for the batch instead of ten thousand near-identical ones.
/// </summary>
internal static class BulkLogin
{
    /// <summary>Logs in <paramref name="count"/> users (<c>user0…</c>, or another prefix) at <paramref name="target"/>; returns each credential (session id or token).</summary>
    public static async Task<BulkLoginResult> RunAsync(Uri target, int count, int parallelism, CancellationToken cancellationToken, string userPrefix = "user")
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = parallelism }) { BaseAddress = target, Timeout = TimeSpan.FromSeconds(10) };
        var credentials = new string?[count];
        var failures = 0;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            try
            {
                using var response = await http.PostAsJsonAsync("/login", new Dictionary<string, string> { ["username"] = $"{userPrefix}{i}", ["password"] = "123456" }, ct);
                credentials[i] = response.IsSuccessStatusCode ? await CredentialOfAsync(response, ct) : null;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                credentials[i] = null;
            }

            if (credentials[i] is null)
            {
                Interlocked.Increment(ref failures);
            }
        });

        return new BulkLoginResult(credentials, failures, watch.Elapsed);
    }

    private static async Task<string?> CredentialOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            var cookie = cookies.FirstOrDefault(c => c.StartsWith("session_id=", StringComparison.Ordinal));
            if (cookie is not null)
            {
                var end = cookie.IndexOf(';', StringComparison.Ordinal);
                return cookie["session_id=".Length..(end < 0 ? cookie.Length : end)];
            }
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.TryGetProperty("token", out var token) ? token.GetString() : null;
    }
}

/// <summary>The credentials created (null where a login failed), how many failed, and how long it took.</summary>
internal sealed record BulkLoginResult(IReadOnlyList<string?> Credentials, int Failures, TimeSpan Elapsed);
