using System.Net;
using System.Text;
using SessionLab.IntegrationTests.Support;

namespace SessionLab.IntegrationTests.Backend;

/// <summary>Every kind of bad input gets a 4xx with a JSON error, never a 500 or a hang, and the backend keeps serving.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private BackendProcess _sticky = null!;
    private BackendProcess _jwt = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var started = await Task.WhenAll(
            BackendProcess.StartAsync("sticky", "server-1", Ct),
            BackendProcess.StartAsync("jwt", "server-1", Ct, "--redis", $"127.0.0.1:{FreePorts.Next()}"));
        (_sticky, _jwt) = (started[0], started[1]);
    }

    public async ValueTask DisposeAsync()
    {
        await _sticky.DisposeAsync();
        await _jwt.DisposeAsync();
    }

    public static TheoryData<string, string, string?, int> BadLogins => new()
    {
        { "malformed JSON", "{\"username\": ", "application/json", 400 },
        { "not an object", "[1,2,3]", "application/json", 400 },
        { "null body", "null", "application/json", 400 },
        { "empty body", "", "application/json", 400 },
        { "username of the wrong type", "{\"username\": 5}", "application/json", 400 },
        { "missing username", "{\"password\": \"123456\"}", "application/json", 400 },
        { "empty username", "{\"username\": \"\"}", "application/json", 400 },
        { "too long username", $"{{\"username\": \"{new string('a', 65)}\"}}", "application/json", 400 },
        { "header injection in username", "{\"username\": \"alice\\r\\nSet-Cookie: admin=1\"}", "application/json", 400 },
        { "huge password", $"{{\"username\": \"alice\", \"password\": \"{new string('p', 2000)}\"}}", "application/json", 400 },
        { "form post", "username=alice", "application/x-www-form-urlencoded", 415 },
        { "no content type", "{\"username\": \"alice\"}", null, 415 },
        { "body over the limit", $"{{\"username\": \"alice\", \"pad\": \"{new string('x', 20_000)}\"}}", "application/json", 413 },
    };

    [Theory]
    [MemberData(nameof(BadLogins))]
    public async Task Login_BadBody_IsAClear4xxOnEveryScheme(string why, string body, string? contentType, int expected)
    {
        foreach (var backend in new[] { _sticky, _jwt })
        {
            using var client = backend.NewClient();
            using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
            }

            var response = await client.PostAsync("/login", content, Ct);

            Assert.True(expected == (int)response.StatusCode, $"{why}: got {(int)response.StatusCode}");
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.False(string.IsNullOrEmpty(await response.ErrorAsync()));
        }
    }

    [Fact]
    public async Task Login_ChunkedBodyOverTheLimit_Is413()
    {
        using var client = _sticky.NewClient();
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($"{{\"username\":\"{new string('a', 1_000_000)}\"}}")));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/login") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request body too large", await response.ErrorAsync());
    }

    [Theory]
    [InlineData("16 KB cookie", 16 * 1024, 1, 431)]
    [InlineData("1,000 cookies", 8, 1000, 431)]
    [InlineData("garbage session id", 30, 1, 401)]
    public async Task Profile_BadCookies_AreRefusedWithJson(string why, int valueLength, int count, int expected)
    {
        var cookie = string.Join("; ", Enumerable.Range(0, count).Select(i => $"{(i == 0 ? "session_id" : $"c{i}")}={new string('%', valueLength)}"));
        using var client = _sticky.NewClientWithCookie(cookie);

        var response = await client.ProfileAsync();

        Assert.True(expected == (int)response.StatusCode, $"{why}: got {(int)response.StatusCode}");
        Assert.False(string.IsNullOrEmpty(await response.ErrorAsync()));
    }

    [Theory]
    [InlineData("Basic YWxpY2U6MTIz", "missing token")]
    [InlineData("Bearer", "missing token")]
    [InlineData("Bearer not-a-jwt", "invalid token")]
    [InlineData("Bearer a.b", "invalid token")]
    [InlineData("Bearer %%%.%%%.%%%", "invalid token")]
    public async Task Profile_BadAuthorization_IsA401WithTheReason(string header, string error)
    {
        using var client = _jwt.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/profile");
        request.Headers.TryAddWithoutValidation("Authorization", header);

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(error, await response.ErrorAsync());
    }

    [Fact]
    public async Task Profile_20KbToken_IsInvalidToken()
    {
        using var client = _jwt.NewClient();

        var response = await client.ProfileAsync($"{new string('a', 10_000)}.{new string('b', 10_000)}.c");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid token", await response.ErrorAsync());
    }

    [Fact]
    public async Task Profile_100KbToken_RefusedByKestrelsHeaderLimit()
    {
        // Past Kestrel's default 32 KiB of headers the server refuses before any of our code runs (no JSON body there).
        using var client = _jwt.NewClient();

        var response = await client.ProfileAsync($"{new string('a', 50_000)}.{new string('b', 50_000)}.c");

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task UnknownPathsAndMethods_AreJsonErrorsWithServerId()
    {
        using var client = _sticky.NewClient();

        var notFound = await client.GetAsync("/nope", Ct);
        var wrongMethod = await client.GetAsync("/login", Ct);

        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal("not found", await notFound.ErrorAsync());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal("server-1", (await wrongMethod.JsonAsync()).GetProperty("server_id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/login-short", null, Ct)).StatusCode); // JWT only
    }

    [Fact]
    public async Task AfterAGarbageStorm_TheBackendStillServesOthers()
    {
        using var client = _sticky.NewClient();
        var garbage = Enumerable.Range(0, 200).Select(async i =>
        {
            using var content = new StringContent("{bad" + i, Encoding.UTF8, "application/json");
            return (await client.PostAsync("/login", content, Ct)).StatusCode;
        });
        var statuses = await Task.WhenAll(garbage);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.BadRequest, s));
        using var legit = _sticky.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await legit.LoginAsync("alice")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await legit.ProfileAsync()).StatusCode);
        Assert.False(_sticky.HasExited);
    }
}
