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
    public async Task InvokeAsync_BudgetOf401sSpent_429WithRetryAfterAndJsonWithoutCallingTheEndpoint()
    {
        using var throttle = new FailedAuthThrottle(Options.Create(new ThrottleOptions { Burst = 3 }));
        var calls = 0;
        var middleware = Middleware(throttle, context =>
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
    public async Task InvokeAsync_Successes_NeverSpendTheBudget()
    {
        using var throttle = new FailedAuthThrottle(Options.Create(new ThrottleOptions { Burst = 1 }));
        var middleware = Middleware(throttle, _ => Task.CompletedTask);

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(200, (await InvokeAsync(middleware, throttled: true)).Response.StatusCode);
        }
    }

    [Fact]
    public async Task InvokeAsync_EndpointWithoutTheMarker_NeitherCheckedNorCharged()
    {
        using var throttle = new FailedAuthThrottle(Options.Create(new ThrottleOptions { Burst = 1 }));
        var middleware = Middleware(throttle, context =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        });

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(401, (await InvokeAsync(middleware, throttled: false)).Response.StatusCode);
        }

        Assert.True(throttle.TryEnter(Client, out _));
    }

    [Fact]
    public async Task InvokeAsync_EndpointMarkedTheReplyFailed_SpendsTheBudgetThoughNot401()
    {
        using var throttle = new FailedAuthThrottle(Options.Create(new ThrottleOptions { Burst = 2 }));
        var middleware = Middleware(throttle, context =>
        {
            FailedAuthThrottle.MarkFailed(context);
            return Task.CompletedTask;
        });

        await InvokeAsync(middleware, throttled: true);
        await InvokeAsync(middleware, throttled: true);

        Assert.Equal(429, (await InvokeAsync(middleware, throttled: true)).Response.StatusCode);
    }

    [Fact]
    public async Task InvokeAsync_EndpointThrew_NotChargedAndClaimReleased()
    {
        using var throttle = new FailedAuthThrottle(Options.Create(new ThrottleOptions { Burst = 1 }));
        var middleware = Middleware(throttle, _ => throw new InvalidOperationException("store down"));

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => InvokeAsync(middleware, throttled: true));
        }

        Assert.True(throttle.TryEnter(Client, out _));
    }

    private static FailedAuthThrottleMiddleware Middleware(FailedAuthThrottle throttle, RequestDelegate endpoint) =>
        new(endpoint, throttle, new ServerIdentity(Options.Create(new ServerOptions { Id = "server-9" })));

    private static async Task<HttpContext> InvokeAsync(FailedAuthThrottleMiddleware middleware, bool throttled)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = Client;
        context.Response.Body = new MemoryStream();
        context.SetEndpoint(new Endpoint(_ => Task.CompletedTask, throttled ? new EndpointMetadataCollection(ThrottledEndpoint.Instance) : EndpointMetadataCollection.Empty, "test"));
        await middleware.InvokeAsync(context);
        return context;
    }
}
