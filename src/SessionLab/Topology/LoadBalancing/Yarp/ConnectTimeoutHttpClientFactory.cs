using Yarp.ReverseProxy.Forwarder;

namespace SessionLab.Topology.LoadBalancing.Yarp;

/// <summary>
/// YARP's client factory with nginx's <c>proxy_connect_timeout</c>: a hung backend fails the connect quickly, so
/// the request can move on to another backend instead of waiting out the whole activity timeout.
/// </summary>
internal sealed class ConnectTimeoutHttpClientFactory(TimeSpan connectTimeout) : ForwarderHttpClientFactory
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.ConnectTimeout = connectTimeout;
    }
}
