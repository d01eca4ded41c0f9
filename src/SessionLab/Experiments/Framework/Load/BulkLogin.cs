using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SessionLab.Topology.Clients;

namespace SessionLab.Experiments.Framework.Load;

/// <summary>
/// Creates many sessions fast (10,000 logins) without recording each exchange: a run's results.json keeps one summary
/// observation for the batch instead of ten thousand near-identical ones.
/// </summary>
internal static class BulkLogin
{
    /// <summary>Logs in <paramref name="count"/> users (<c>user0…</c>, or another prefix) at <paramref name="target"/>; returns each credential (session id or token).
    /// With a <paramref name="source"/>, user <c>i</c> logs in from <c>source(i)</c> — its load worker's address, so ip_hash keeps it on the backend that holds its session.</summary>
    public static async Task<BulkLoginResult> RunAsync(Uri target, int count, int parallelism, CancellationToken cancellationToken, string userPrefix = "user", Func<int, IPAddress>? source = null)
    {
        using var shared = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = parallelism }) { BaseAddress = target, Timeout = TimeSpan.FromSeconds(10) };
        var bySource = new ConcurrentDictionary<IPAddress, HttpClient>();
        var credentials = new string?[count];
        var servers = new string?[count];
        var failures = 0;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var http = source is null ? shared : bySource.GetOrAdd(source(i), address => SourceAddressClientFactory.Create(address, target, cookies: false));
            try
            {
                using var response = await http.PostAsJsonAsync("/login", new Dictionary<string, string> { ["username"] = $"{userPrefix}{i}", ["password"] = "123456" }, ct);
                (credentials[i], servers[i]) = response.IsSuccessStatusCode ? await CredentialOfAsync(response, ct) : (null, null);
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                credentials[i] = null;
            }

            if (credentials[i] is null)
            {
                Interlocked.Increment(ref failures);
            }
        });

        foreach (var client in bySource.Values)
        {
            client.Dispose();
        }

        return new BulkLoginResult(credentials, servers, failures, watch.Elapsed);
    }

    /// <summary>Logs every token out (<c>POST /logout</c> with its bearer), <paramref name="parallelism"/> at a time; returns how many failed.</summary>
    public static async Task<int> LogoutAsync(Uri target, IReadOnlyList<string> tokens, int parallelism, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = parallelism }) { BaseAddress = target, Timeout = TimeSpan.FromSeconds(10) };
        var failures = 0;
        await Parallel.ForEachAsync(tokens, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (token, ct) =>
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/logout");
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                using var response = await http.SendAsync(request, ct);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref failures);
            }
        });

        return failures;
    }

    private static async Task<(string? Credential, string? Server)> CredentialOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var server = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("server_id", out var id) ? id.GetString() : null;
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            var cookie = cookies.FirstOrDefault(c => c.StartsWith("session_id=", StringComparison.Ordinal));
            if (cookie is not null)
            {
                var end = cookie.IndexOf(';', StringComparison.Ordinal);
                return (cookie["session_id=".Length..(end < 0 ? cookie.Length : end)], server);
            }
        }

        return (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("token", out var token) ? token.GetString() : null, server);
    }
}

/// <summary>The credentials created (null where a login failed), the backend that answered each login, how many failed, and how long it took.</summary>
internal sealed record BulkLoginResult(IReadOnlyList<string?> Credentials, IReadOnlyList<string?> ServerIds, int Failures, TimeSpan Elapsed)
{
    /// <summary>Logins per backend that answered them, e.g. sticky-1 ×34.</summary>
    public IReadOnlyDictionary<string, int> PerServer =>
        ServerIds.OfType<string>().GroupBy(s => s, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
