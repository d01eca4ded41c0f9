using SessionLab.Experiments.Framework.Load;

namespace SessionLab.Experiments.Framework.FaultsUnderLoad;

/// <summary>After a fault: every load user's own request once more, counting who must log in again (401).</summary>
internal static class SessionCheck
{
    public static async Task<SessionTally> RunAsync(PerformanceTarget target, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, UseProxy = false }) { BaseAddress = target.Balancer, Timeout = TimeSpan.FromSeconds(5) };
        int ok = 0, lost = 0, other = 0;
        var answers = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < target.Credentials.Count; i++)
        {
            var template = target.RequestFor(i);
            using var request = new HttpRequestMessage(HttpMethod.Get, template.Path);
            foreach (var (name, value) in template.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                var answer = $"{(int)response.StatusCode} from {ServerIdOf(await response.Content.ReadAsStringAsync(cancellationToken)) ?? "?"}";
                answers[answer] = answers.GetValueOrDefault(answer) + 1;
                _ = (int)response.StatusCode switch
                {
                    200 => ok++,
                    401 => lost++,
                    _ => other++,
                };
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                other++;
            }
        }

        return new SessionTally(target.Credentials.Count, ok, lost, other, string.Join(", ", answers.Select(a => $"{a.Key} ×{a.Value}")));
    }

    private static string? ServerIdOf(string body)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            return json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && json.RootElement.TryGetProperty("server_id", out var id) ? id.GetString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

/// <summary>Of <see cref="Users"/> sessions: still valid (200), lost (401), anything else (5xx, no reply), and which backend gave which answer ("200 from server-1 ×8").</summary>
internal sealed record SessionTally(int Users, int Kept, int Lost, int Other, string Answers = "");
