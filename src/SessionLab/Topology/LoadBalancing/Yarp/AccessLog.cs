using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Model;

namespace SessionLab.Topology.LoadBalancing.Yarp;

/// <summary>One <c>yarp.log</c> line per request, like nginx's access log plus the backend that answered and any proxy error.</summary>
internal static class AccessLog
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next, YarpLogFile file)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var request = context.Request;
            var upstream = context.Features.Get<IReverseProxyFeature>()?.ProxiedDestination?.DestinationId ?? "-";
            var error = context.GetForwarderErrorFeature() is { } failure ? $" error={failure.Error}: {failure.Exception?.Message}" : string.Empty;
            file.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{context.Connection.RemoteIpAddress} [{DateTimeOffset.Now:O}] :{context.Connection.LocalPort} \"{request.Method} {request.Path}{request.QueryString} {request.Protocol}\" {context.Response.StatusCode} upstream={upstream} {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.###}ms{error}"));
        }
    }
}
