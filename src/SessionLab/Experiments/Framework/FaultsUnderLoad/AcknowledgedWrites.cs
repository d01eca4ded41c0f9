using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace SessionLab.Experiments.Framework.FaultsUnderLoad;

/// <summary>
/// Writers beside a fault: each worker logs a new user in (redis scheme: the session is the write) or logs a JWT user in
/// and out (the revocation is the write) as fast as the backend answers, and keeps every write that was acknowledged
/// (answered 200) with its time; <see cref="CheckAsync"/> asks afterwards which of them the store still has. A writer
/// client sends no cookies, so no login ends an earlier session.
/// </summary>
internal static class AcknowledgedWrites
{
    /// <summary>Runs <paramref name="workers"/> writers against <paramref name="backend"/> until <paramref name="stop"/>; times are <see cref="Stopwatch"/> timestamps.</summary>
    public static async Task<WriteLog> RunAsync(Uri backend, bool revocations, int workers, string prefix, CancellationToken stop)
    {
        var logs = await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => WorkerAsync(backend, revocations, $"{prefix}-{w}", stop), CancellationToken.None)));
        return new WriteLog([.. logs.SelectMany(l => l.Acknowledged).OrderBy(a => a.At)], [.. logs.SelectMany(l => l.Failures).Order()], [.. logs.SelectMany(l => l.LatenciesMs)]);
    }

    /// <summary>
    /// Each acknowledged write read back: a session's <c>/profile</c> (200 kept, 401 missing), a revoked token's
    /// <c>/profile-with-blacklist</c> (401 kept, 200 missing: the revoked token is accepted again). Any other answer is
    /// asked again (up to 5 times), then counted as unknown.
    /// </summary>
    public static async Task<WriteCheck> CheckAsync(Uri backend, bool revocations, IReadOnlyList<AcknowledgedWrite> writes, CancellationToken cancellationToken)
    {
        using var http = NewClient(backend);
        int kept = 0, missing = 0, unknown = 0;
        var missingAt = new List<long>();
        foreach (var write in writes)
        {
            int? status = null;
            for (var attempt = 0; attempt < 5 && status is not (200 or 401); attempt++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, revocations ? "/profile-with-blacklist" : "/profile");
                if (revocations)
                {
                    request.Headers.Authorization = new("Bearer", write.Credential);
                }
                else
                {
                    request.Headers.Add("Cookie", $"session_id={write.Credential}");
                }

                try
                {
                    using var response = await http.SendAsync(request, cancellationToken);
                    status = (int)response.StatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    status = 0;
                }

                if (status is not (200 or 401))
                {
                    await Task.Delay(200, cancellationToken);
                }
            }

            var isKept = revocations ? status == 401 : status == 200;
            var isMissing = revocations ? status == 200 : status == 401;
            if (isKept)
            {
                kept++;
            }
            else if (isMissing)
            {
                missing++;
                missingAt.Add(write.At);
            }
            else
            {
                unknown++;
            }
        }

        return new WriteCheck(writes.Count, kept, missing, unknown, missingAt);
    }

    private static async Task<WriteLog> WorkerAsync(Uri backend, bool revocations, string prefix, CancellationToken stop)
    {
        using var http = NewClient(backend);
        var acknowledged = new List<AcknowledgedWrite>();
        var failures = new List<long>();
        var latencies = new List<double>();
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var sent = Stopwatch.GetTimestamp();
            try
            {
                using var login = await http.PostAsJsonAsync("/login", new { username = $"{prefix}-{n}", password = "123456" }, CancellationToken.None);
                if (!login.IsSuccessStatusCode)
                {
                    failures.Add(Stopwatch.GetTimestamp());
                    await PauseAsync(stop);
                    continue;
                }

                if (!revocations)
                {
                    var cookie = login.Headers.TryGetValues("Set-Cookie", out var cookies)
                        ? cookies.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith("session_id=", StringComparison.Ordinal))
                        : null;
                    if (cookie is not null)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                        acknowledged.Add(new AcknowledgedWrite(cookie["session_id=".Length..], Stopwatch.GetTimestamp()));
                    }

                    continue;
                }

                var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync(CancellationToken.None)).RootElement.GetProperty("token").GetString()!;
                using var logout = new HttpRequestMessage(HttpMethod.Post, "/logout");
                logout.Headers.Authorization = new("Bearer", token);
                var revokeSent = Stopwatch.GetTimestamp();
                using var revoked = await http.SendAsync(logout, CancellationToken.None);
                if (revoked.IsSuccessStatusCode)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(revokeSent).TotalMilliseconds);
                    acknowledged.Add(new AcknowledgedWrite(token, Stopwatch.GetTimestamp()));
                }
                else
                {
                    failures.Add(Stopwatch.GetTimestamp());
                    await PauseAsync(stop);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
            {
                failures.Add(Stopwatch.GetTimestamp());
                await PauseAsync(stop);
            }
        }

        return new WriteLog(acknowledged, failures, latencies);
    }

    /// <summary>After a failure, a short pause, so a store that is down is not hammered (the probe has 50 ms resolution anyway).</summary>
    private static async Task PauseAsync(CancellationToken stop)
    {
        try
        {
            await Task.Delay(20, stop);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private static HttpClient NewClient(Uri backend) =>
        new(new SocketsHttpHandler { UseCookies = false, UseProxy = false }) { BaseAddress = backend, Timeout = TimeSpan.FromSeconds(3) };
}

/// <summary>A write the backend acknowledged: the session id or revoked token, and when the 200 arrived (<see cref="Stopwatch"/> timestamp).</summary>
internal sealed record AcknowledgedWrite(string Credential, long At);

/// <summary>What the writers did: acknowledged writes, failed attempts (timestamps) and the latency of each acknowledged write (ms).</summary>
internal sealed record WriteLog(IReadOnlyList<AcknowledgedWrite> Acknowledged, IReadOnlyList<long> Failures, IReadOnlyList<double> LatenciesMs);

/// <summary>Of <see cref="Acknowledged"/> writes: still in the store, missing (with when each was acknowledged), and unknown.</summary>
internal sealed record WriteCheck(int Acknowledged, int Kept, int Missing, int Unknown, IReadOnlyList<long> MissingAcknowledgedAt);
