using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SessionLab.Backend.Common;
using SessionLab.Backend.Throttling;

namespace SessionLab.Tests.Backend.Throttling;

public sealed class FailedAuthThrottleMiddlewareTests
{
    private static readonly IPAddress Client = IPAddress.Parse("10.1.2.3");

    [Fact]
    public async Task InvokeAsync_BudgetSpentAndCredentialForged_429WithRetryAfterAndJsonWithoutCallingTheEndpoint()
    {
        var throttle = Throttle(burst: 3);
        var calls = 0;
        var middleware = Middleware(throttle, authentic: false, context =>
        {
            calls++;
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        });

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(401, (await InvokeAsync(middleware, throttled: true)).Response.StatusCode);
        }

        var refused = await InvokeAsync(middleware, throttled: true);

        Assert.Equal(3, calls);
        Assert.Equal(429, refused.Response.StatusCode);
        Assert.Equal("1", refused.Response.Headers.RetryAfter.ToString());
        refused.Response.Body.Position = 0;
        using var json = await JsonDocument.ParseAsync(refused.Response.Body, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(ErrorMessages.TooManyFailedAttempts, json.RootElement.GetProperty("error").GetString());
        Assert.Equal("server-9", json.RootElement.GetProperty("server_id").GetString());
    }

    [Fact]
    public async Task InvokeAsync_BudgetSpentButCredentialAuthentic_Served()
    {
        // One address, many users (a NAT, a backend-for-frontend): another user's guessing never locks out a genuine session.
        var throttle = Throttle(burst: 1);
        throttle.Fail(Client);
        var middleware = Middleware(throttle, authentic: true, _ => Task.CompletedTask);

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(200, (await InvokeAsync(middleware, throttled: true)).Response.StatusCode);
        }
    }

    [Fact]
    public async Task InvokeAsync_ManyRequestsAtOnce_NoneRefusedWithoutAFailure()
    {
        // The old in-flight claim refused the 21st concurrent request of a busy client that had never failed.
        var throttle = Throttle(burst: 2);
        var release = new TaskCompletionSource();
        var middleware = Middleware(throttle, authentic: false, _ => release.Task);

        var requests = Enumerable.Range(0, 50).Select(_ => InvokeAsync(middleware, throttled: true)).ToList();
        release.SetResult();
        var contexts = await Task.WhenAll(requests);

        Assert.All(contexts, c => Assert.Equal(200, c.Response.StatusCode));
    }

    [Fact]
    public async Task InvokeAsync_EndpointWithoutTheMarker_NeitherCheckedNorCharged()
    {
        var throttle = Throttle(burst: 1);
        var middleware = Middleware(throttle, authentic: false, context =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        });

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(401, (await InvokeAsync(middleware, throttled: false)).Response.StatusCode);
        }

        Assert.True(throttle.CanAfford(Client));
    }

    [Fact]
    public async Task InvokeAsync_EndpointMarkedTheReplyFailed_SpendsTheBudgetThoughNot401()
    {
        var throttle = Throttle(burst: 2);
        var middleware = Middleware(throttle, authentic: false, context =>
        {
            FailedAuthThrottle.MarkFailed(context);
            return Task.CompletedTask;
        });

        await InvokeAsync(middleware, throttled: true);
        await InvokeAsync(middleware, throttled: true);

        Assert.Equal(429, (await InvokeAsync(middleware, throttled: true)).Response.StatusCode);
    }

    [Fact]
    public async Task InvokeAsync_EndpointThrew_NotCharged()
    {
        var throttle = Throttle(burst: 1);
        var middleware = Middleware(throttle, authentic: false, _ => throw new InvalidOperationException("store down"));

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => InvokeAsync(middleware, throttled: true));
        }

        Assert.True(throttle.CanAfford(Client));
    }

    private static FailedAuthThrottle Throttle(int burst) => new(Options.Create(new ThrottleOptions { Burst = burst }), TimeProvider.System);

    private static FailedAuthThrottleMiddleware Middleware(FailedAuthThrottle throttle, bool authentic, RequestDelegate endpoint) =>
        new(endpoint, throttle, new FixedCheck(authentic), new ServerIdentity(Options.Create(new ServerOptions { Id = "server-9" })));

    private static async Task<HttpContext> InvokeAsync(FailedAuthThrottleMiddleware middleware, bool throttled)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = Client;
        context.Response.Body = new MemoryStream();
        context.SetEndpoint(new Endpoint(_ => Task.CompletedTask, throttled ? new EndpointMetadataCollection(ThrottledEndpoint.Instance) : EndpointMetadataCollection.Empty, "test"));
        await middleware.InvokeAsync(context);
        return context;
    }

    private sealed class FixedCheck(bool authentic) : ICredentialCheck
    {
        public ValueTask<bool> IsAuthenticAsync(HttpContext context) => ValueTask.FromResult(authentic);
    }
}
