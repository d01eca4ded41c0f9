using Yarp.ReverseProxy.Forwarder;

namespace SessionLab.Topology.LoadBalancing.Yarp;

/// <summary>
/// YARP's client factory with nginx's <c>proxy_connect_timeout</c>: a hung backend fails the connect quickly, so
/// the request can move on to another backend instead of waiting out the whole activity timeout. Idle pooled
/// connections live as long as nginx's upstream <c>keepalive_timeout</c>, shorter than a stopping backend's drain, so
/// none is left for the backend to close under a request.
/// </summary>
internal sealed class ConnectTimeoutHttpClientFactory(TimeSpan connectTimeout, TimeSpan keepaliveTimeout) : ForwarderHttpClientFactory
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.ConnectTimeout = connectTimeout;
        handler.PooledConnectionIdleTimeout = keepaliveTimeout;
    }
}
