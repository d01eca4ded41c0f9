using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;

namespace SessionLab.Topology.LoadBalancing.Yarp;

/// <summary>
/// nginx's <c>proxy_next_upstream error timeout</c> for YARP, which has no retries of its own: when a request could
/// not reach its backend (refused, reset or timed out before a response), it is sent again to another backend not yet
/// tried, so clients survive a killed backend as they do behind nginx. Runs around load balancing, passive health
/// and forwarding, so every attempt is balanced and counted.
/// </summary>
internal static class NextUpstreamRetry
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var proxy = context.GetReverseProxyFeature();
        var untried = proxy.AvailableDestinations;
        await next(context);

        while (ShouldRetry(context) && proxy.ProxiedDestination is { } failed && untried.Count > 1)
        {
            // Hashing again over the rest gives the backend nginx's retry would pick: it continues the same hash sequence past the tried one.
            untried = [.. untried.Where(d => !ReferenceEquals(d, failed))];
            proxy.AvailableDestinations = untried;
            proxy.ProxiedDestination = null;
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            await next(context);
        }
    }

    private static bool ShouldRetry(HttpContext context) =>
        context.GetForwarderErrorFeature() is { Error: ForwarderError.Request or ForwarderError.RequestTimedOut } failure
        && !context.Response.HasStarted
        && !context.RequestAborted.IsCancellationRequested
        && (IsReplayable(context.Request) || NeverSent(failure));

    /// <summary>
    /// The connection could not be made (refused: the backend has stopped listening), so nothing was sent and the body
    /// is still unread: nginx retries even a POST then, because it cannot run twice.
    /// </summary>
    private static bool NeverSent(IForwarderErrorFeature failure) =>
        failure.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError };

    /// <summary>
    /// nginx never retries POST, PATCH or LOCK once sent (see <see cref="NeverSent"/> for before). It buffers request bodies to replay them; this proxy streams
    /// them, so only requests without a body are replayed (the lab's GETs).
    /// </summary>
    private static bool IsReplayable(HttpRequest request) =>
        !HttpMethods.IsPost(request.Method)
        && !HttpMethods.IsPatch(request.Method)
        && !string.Equals(request.Method, "LOCK", StringComparison.OrdinalIgnoreCase)
        && request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != true;
}
