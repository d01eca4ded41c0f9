using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SessionLab.Backend.Common;

/// <summary>
/// The drain phase of a graceful stop. Kestrel, told to stop, closes its idle keep-alive connections at once; a balancer
/// that has just written a request on one of them sees "upstream prematurely closed connection" and, for a POST it may
/// not retry, answers 502. So for <see cref="ServerOptions.DrainTime"/> before Kestrel stops, the backend refuses new
/// connections but keeps answering on the open ones, closing each after its answer (which the balancer sees and
/// honours), and reports itself unhealthy. When Kestrel then stops, only requests in flight are left, and they finish.
/// </summary>
internal sealed partial class ShutdownDrain(
    IOptions<ServerOptions> options,
    TimeProvider time,
    ILogger<ShutdownDrain> logger,
    DrainingListenerFactory? listeners = null) : IHostedLifecycleService
{
    private volatile bool _draining;

    /// <summary>True from the stop signal until the process exits.</summary>
    public bool IsDraining => _draining;

    /// <summary>
    /// Runs before any hosted service's StopAsync, Kestrel's included, so Kestrel still accepts and serves meanwhile;
    /// HostOptions.ShutdownTimeout covers this wait too (see BackendApp).
    /// </summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        var drain = options.Value.DrainTime;
        if (drain <= TimeSpan.Zero)
        {
            return;
        }

        LogDraining(drain.TotalSeconds);
        try
        {
            // Refuse new connections first: the balancer retries a refused one elsewhere and counts it as a failure, so it
            // stops picking this backend. Closing the listener later, after a drain that made the balancer open a new
            // connection for nearly every request, would reset connections caught in the accept queue.
            if (listeners is not null)
            {
                await listeners.UnbindAllAsync(cancellationToken);
            }

            await Task.Delay(drain, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The shutdown timeout ran out first: stop now.
        }
    }

    /// <summary>While draining, every answer says <c>Connection: close</c> (set as it starts, so an error handler clearing headers cannot drop it).</summary>
    public Task CloseConnectionsWhileDraining(HttpContext context, RequestDelegate next)
    {
        if (_draining)
        {
            context.Response.OnStarting(static state =>
            {
                // Kestrel closes the connection after a response that says so; the balancer will not reuse it.
                ((HttpResponse)state).Headers.Connection = "close";
                return Task.CompletedTask;
            }, context.Response);
        }

        return next(context);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: draining for {Seconds} s (no new connections, Connection: close on every answer, /health 503), then finishing requests in flight")]
    private partial void LogDraining(double seconds);
}
