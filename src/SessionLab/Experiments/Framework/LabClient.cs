using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using SessionLab.Reporting.Model;
using SessionLab.Topology.Clients;

namespace SessionLab.Experiments.Framework;

/// <summary>
/// One simulated client (one browser, one IP): every request it sends is recorded as an observation with its source
/// address, status, server and body. Failures (timeouts, refused connections) are observations too, never exceptions.
/// </summary>
internal sealed class LabClient : IDisposable
{
    private const int MaxRecordedBody = 2000;
    private readonly HttpClient _http;
    private readonly ObservationRecorder _recorder;
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

    public LabClient(IPAddress source, Uri baseAddress, ObservationRecorder recorder, bool cookies, TimeSpan timeout)
    {
        Source = source;
        BaseAddress = baseAddress;
        _recorder = recorder;
        _http = SourceAddressClientFactory.Create(source, baseAddress, cookies, timeout);
    }

    public IPAddress Source { get; }

    public Uri BaseAddress { get; }

    /// <summary>Sends this header on every request (e.g. a replayed <c>Cookie</c>); null removes it.</summary>
    public void SetHeader(string name, string? value)
    {
        if (value is null)
        {
            _headers.Remove(name);
        }
        else
        {
            _headers[name] = value;
        }
    }

    public Task<Exchange> GetAsync(string path, CancellationToken cancellationToken, string? bearer = null) =>
        SendAsync(HttpMethod.Get, path, null, bearer, cancellationToken);

    public Task<Exchange> PostJsonAsync(string path, object? body, CancellationToken cancellationToken, string? bearer = null) =>
        SendAsync(HttpMethod.Post, path, body is null ? null : JsonSerializer.Serialize(body), bearer, cancellationToken);

    /// <summary>POSTs <paramref name="body"/> as is, with <paramref name="contentType"/> (the security probes' garbage).</summary>
    public Task<Exchange> PostRawAsync(string path, string body, string contentType, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, body, null, cancellationToken, contentType);

    public Task<Exchange> LoginAsync(string username, CancellationToken cancellationToken, string password = "123456") =>
        PostJsonAsync("/login", new Dictionary<string, string> { ["username"] = username, ["password"] = password }, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<Exchange> SendAsync(HttpMethod method, string path, string? json, string? bearer, CancellationToken cancellationToken, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, contentType);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        foreach (var (name, value) in _headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var url = new Uri(BaseAddress, path).ToString();
        var watch = Stopwatch.StartNew();
        Exchange exchange;
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            watch.Stop();
            var parsed = TryParse(body);
            exchange = new Exchange(
                (int)response.StatusCode,
                parsed is { } j && j.ValueKind == JsonValueKind.Object && j.TryGetProperty("server_id", out var id) ? id.GetString() : null,
                body,
                parsed,
                watch.Elapsed.TotalMilliseconds,
                null,
                SessionIdOf(response))
            {
                SetCookies = response.Headers.TryGetValues("Set-Cookie", out var setCookies) ? [.. setCookies] : [],
            };
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            exchange = Failed("timeout", watch);
        }
        catch (HttpRequestException e)
        {
            exchange = Failed(e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } ? "connection refused" : $"error: {e.Message}", watch);
        }

        _recorder.Record(new Observation(
            0, 0, ObservationKind.Http, string.Empty,
            Method: method.Method,
            Url: url,
            Source: Source.ToString(),
            Status: exchange.Status,
            ServerId: exchange.ServerId,
            Body: exchange.Body.Length > MaxRecordedBody ? exchange.Body[..MaxRecordedBody] + "…" : exchange.Body,
            ElapsedMs: Math.Round(exchange.ElapsedMs, 3),
            Note: exchange.Failure));
        return exchange;
    }

    private static Exchange Failed(string why, Stopwatch watch) => new(0, null, string.Empty, null, watch.Elapsed.TotalMilliseconds, why, null);

    private static JsonElement? TryParse(string body)
    {
        try
        {
            return body.Length == 0 ? null : JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? SessionIdOf(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            return null;
        }

        foreach (var cookie in cookies)
        {
            if (cookie.StartsWith("session_id=", StringComparison.Ordinal))
            {
                var end = cookie.IndexOf(';', StringComparison.Ordinal);
                var value = cookie["session_id=".Length..(end < 0 ? cookie.Length : end)];
                return value.Length > 0 ? value : null;
            }
        }

        return null;
    }
}
