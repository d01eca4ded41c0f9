using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace SessionLab.IntegrationTests.Support;

/// <summary>The plan's requests, as a client sends them.</summary>
internal static class Api
{
    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string username, string? password = "123456") =>
        client.PostAsJsonAsync("/login", new { username, password }, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> ProfileAsync(this HttpClient client, string? bearer = null, string path = "/profile")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static Task<HttpResponseMessage> LogoutAsync(this HttpClient client, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/logout");
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary><c>POST /logout-all</c>, with a bearer token for the JWT scheme (the cookie schemes send their cookie).</summary>
    public static Task<HttpResponseMessage> LogoutAllAsync(this HttpClient client, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/logout-all");
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

    public static async Task<string> ErrorAsync(this HttpResponseMessage response) =>
        (await response.JsonAsync()).GetProperty("error").GetString()!;

    public static async Task<string> TokenOfAsync(this HttpResponseMessage response) =>
        (await response.JsonAsync()).GetProperty("token").GetString()!;

    /// <summary>The session id the response set, read from its Set-Cookie header.</summary>
    public static string SessionIdOf(HttpResponseMessage response)
    {
        var header = response.Headers.GetValues("Set-Cookie").Single(h => h.StartsWith("session_id=", StringComparison.Ordinal));
        return header["session_id=".Length..header.IndexOf(';', StringComparison.Ordinal)];
    }
}
