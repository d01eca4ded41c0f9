using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SessionLab.Tests.Measurement.Load;

/// <summary>
/// A real Kestrel on a free loopback port: <c>/ok</c> 200, <c>/fail</c> 503, <c>/refuse</c> 401, <c>/slow</c> 200 after 50 ms,
/// <c>/concurrent</c> 200 after 20 ms while counting requests in flight, <c>/echo-auth</c> 200 only with a bearer token.
/// </summary>
public sealed class TinyServer : IAsyncLifetime
{
    private WebApplication? _app;
    private int _inFlight;
    private int _maxInFlight;
    private int _requests;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Most requests <c>/concurrent</c> had in flight at once since the last <see cref="ResetCounters"/>.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Requests to any endpoint since the last <see cref="ResetCounters"/>.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public void ResetCounters()
    {
        Volatile.Write(ref _maxInFlight, 0);
        Volatile.Write(ref _requests, 0);
    }

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Use((context, next) =>
        {
            Interlocked.Increment(ref _requests);
            return next(context);
        });
        _app.MapGet("/ok", () => "ok");
        _app.MapGet("/fail", () => Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        _app.MapGet("/refuse", () => Results.StatusCode(StatusCodes.Status401Unauthorized));
        _app.MapGet("/slow", async () =>
        {
            await Task.Delay(50);
            return "slow";
        });
        _app.MapGet("/concurrent", async () =>
        {
            var now = Interlocked.Increment(ref _inFlight);
            for (var seen = Volatile.Read(ref _maxInFlight); now > seen; seen = Volatile.Read(ref _maxInFlight))
            {
                Interlocked.CompareExchange(ref _maxInFlight, now, seen);
            }

            await Task.Delay(20);
            Interlocked.Decrement(ref _inFlight);
            return "done";
        });
        _app.MapGet("/echo-auth", (HttpRequest request) =>
            request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal) ? Results.Text("ok") : Results.Unauthorized());
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
